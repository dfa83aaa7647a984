using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Recovery;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Runs user turns: resolves the agent, saves the user message, loads tools, streams Letta's reply as typed events and completes the turn exactly once.</summary>
/// <remarks>
/// One instance serves a host; register it as a singleton so turns of one conversation are serialised. Adapter callbacks run
/// without a captured synchronization context.
/// </remarks>
public sealed class AgentChatService
{
    private readonly IAgentIdResolver _agents;
    private readonly ConversationTurnGate _turns;
    private readonly IChatTurnClient _pipeline;
    private readonly IMessageStore _messages;
    private readonly IToolLoader _tools;
    private readonly AgentRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly OrphanedTurnRecovery? _recovery;
    private readonly TurnRefusals _refusals;
    private readonly CancellationToken _hostStopping;
    private readonly ActiveReplies? _replies;

    /// <summary>Initializes the service.</summary>
    /// <param name="agents">Resolves or creates the conversation's agent.</param>
    /// <param name="letta">The Letta client.</param>
    /// <param name="messages">Keeps user and assistant messages.</param>
    /// <param name="tools">Loads the conversation's tools.</param>
    /// <param name="scheduler">Runs the reply's persistence after the response.</param>
    /// <param name="errors">Receives redacted errors.</param>
    /// <param name="options">The runtime options.</param>
    /// <param name="lettaOptions">The Letta options; their API key is redacted from everything reported.</param>
    /// <param name="turnLeases">The cross-process turn lease store, if the host has one.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="loggerFactory">The logger factory, if any.</param>
    /// <param name="telemetry">The runtime's instruments, if any.</param>
    /// <param name="activeRuns">Keeps each conversation's background run; required when <see cref="AgentRuntimeOptions.BackgroundRuns"/> is on.</param>
    /// <remarks>A service built this way has its own turn gate and the built-in turn layers only; <c>AddNosisAgentRuntime</c> shares one gate and adds the host's layers.</remarks>
    public AgentChatService(
        IAgentIdResolver agents,
        ILettaClient letta,
        IMessageStore messages,
        IToolLoader tools,
        IBackgroundScheduler scheduler,
        IErrorReporter errors,
        IOptions<AgentRuntimeOptions> options,
        IOptions<LettaOptions> lettaOptions,
        ITurnLeaseStore? turnLeases = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        AgentRuntimeTelemetry? telemetry = null,
        IActiveRunStore? activeRuns = null)
        : this(agents, messages, tools, turnLeases, loggerFactory ?? NullLoggerFactory.Instance, ChatTurnDependencies.ForService(
            agents, letta, messages, tools, scheduler, errors, options, lettaOptions, timeProvider, loggerFactory, telemetry, activeRuns))
    {
    }

    private AgentChatService(
        IAgentIdResolver agents, IMessageStore messages, IToolLoader tools, ITurnLeaseStore? turnLeases, ILoggerFactory loggerFactory, ChatTurnDependencies dependencies)
        : this(
            agents, new ConversationTurnGate(Options.Create(dependencies.Options), turnLeases, dependencies.Time, loggerFactory.CreateLogger<ConversationTurnGate>()),
            dependencies.BuildPipeline([], services: null), messages, tools, dependencies.Options, dependencies.Time,
            TurnRecoveryServices.CreateRecovery(messages as IUnansweredTurnStore, dependencies, loggerFactory.CreateLogger<OrphanedTurnRecovery>()),
            ActiveReplies.Of(dependencies), CancellationToken.None)
    {
    }

    /// <summary>Initializes the service over a shared turn gate and a composed turn pipeline (the DI path).</summary>
    internal AgentChatService(
        IAgentIdResolver agents, ConversationTurnGate turns, IChatTurnClient pipeline, IMessageStore messages, IToolLoader tools,
        AgentRuntimeOptions options, TimeProvider timeProvider, OrphanedTurnRecovery? recovery, ActiveReplies? replies, CancellationToken hostStopping)
    {
        _recovery = recovery;
        _replies = replies;
        _hostStopping = hostStopping;
        _agents = agents;
        _turns = turns;
        _pipeline = pipeline;
        _messages = messages;
        _tools = tools;
        _options = options;
        _time = timeProvider;
        _refusals = new TurnRefusals(messages, options, timeProvider);
    }

    /// <summary>Starts a turn: everything up to Letta's first reply frame, so that a refusal surfaces before a response is sent.</summary>
    /// <param name="request">The turn.</param>
    /// <param name="cancellationToken">Cancels the start; once started, cancel through the enumeration or dispose the stream.</param>
    /// <returns>The reply stream; enumerate it once and dispose it.</returns>
    /// <remarks>
    /// A refusal once the turn holds its conversation (unsupported target, agent not created, Letta 409) stores the user message
    /// and one failed reply without text, both with ids derived from the user message's, so a retry stores no second copy; a
    /// turn that never got its conversation stores nothing. An unanswered turn left by a dead process is recovered first.
    /// </remarks>
    /// <exception cref="UnsupportedExecutionTargetException">The conversation's target does not run on this host's surface.</exception>
    /// <exception cref="AgentBusyException">Another turn of the conversation holds it past the wait timeout, or Letta answered 409.</exception>
    /// <exception cref="LettaApiException">The agent could not be resolved or created.</exception>
    public async Task<AgentChatStream> StartAsync(AgentChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var conversation = request.Conversation;
        request = request.UserMessageId is null ? request with { UserMessageId = TurnIds.NewId("msg") } : request;
        var started = _time.GetTimestamp();
        var turn = await _turns.EnterAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        ToolSet? tools = null;
        try
        {
            var target = await _refusals.ResolveOrRefuseAsync(request, () => ResolveTargetAsync(conversation, cancellationToken), cancellationToken).ConfigureAwait(false);

            // A turn whose process died left its user message unanswered: store what Letta made of it before this one is sent.
            // Recovery reads the agent's own history, so it covers the agent-per-conversation scope (shared scopes: see the docs).
            if (_recovery is not null && target.LettaConversationId is null)
            {
                await _recovery.RecoverConversationAsync(conversation.ConversationId, target.AgentId, request.UserMessageId, cancellationToken).ConfigureAwait(false);
            }

            var userMessage = TurnIds.UserMessageOf(request, _time.GetUtcNow());
            var load = _tools.LoadToolsAsync(new ToolLoadRequest(conversation), cancellationToken);
            try
            {
                // An adapter that throws before returning its task must not leave the loading tools behind.
                var save = TurnIds.Started(() => _messages.SaveUserMessageAsync(userMessage, cancellationToken));
                await Task.WhenAll(save, load).ConfigureAwait(false);
            }
            finally
            {
                if (load.IsCompletedSuccessfully)
                {
                    tools = load.Result;
                }
            }

            var run = new RunningTurn(_pipeline, request, target, tools!, turn, started, _options.StreamBufferCapacity, _options.DisconnectPolicy, _hostStopping);
            tools = null;
            turn = null;
            var stream = await run.StartAsync(cancellationToken).ConfigureAwait(false);
            stream.WriteStallTimeout = _options.ResponseWriteStallTimeout;
            return stream;
        }
        finally
        {
            if (tools is not null)
            {
                await tools.DisposeAsync().ConfigureAwait(false);
            }

            if (turn is not null)
            {
                await turn.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a turn and yields its events as they arrive.</summary>
    /// <param name="request">The turn.</param>
    /// <param name="cancellationToken">Cancels the turn: the upstream request is aborted and the partial reply is saved.</param>
    /// <returns>The reply's events.</returns>
    public IAsyncEnumerable<AgentChatEvent> StreamAsync(AgentChatRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new StartOnReadStream(this, request, cancellationToken);
    }

    /// <summary>Stops the conversation's active reply from any instance: cancels its Letta run (or, on a backend that stops turns itself, its turn), so the instance that runs the turn stores the reply as <see cref="ReplyCompletion.Stopped"/> with the text so far, and every open or resumed stream of it ends with a finish that says so.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns><see langword="true"/> when a run was cancelled; <see langword="false"/> when the conversation has no active reply (or background runs are off and the backend cannot stop turns).</returns>
    public Task<bool> StopAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return _replies?.StopAsync(conversation, cancellationToken) ?? Task.FromResult(false);
    }

    /// <summary>Attaches to the conversation's active reply, on any instance, and yields the rest of its events as one message.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="startingAfter">The last Letta sequence id the caller has (<see cref="AgentChatEvent.SeqId"/>); from the reply's start when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The reply, or <see langword="null"/> when the conversation has none active (or background runs are off).</returns>
    public async Task<ResumedReply?> ResumeAsync(ConversationRuntime conversation, long? startingAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return _replies is null ? null : await _replies.ResumeAsync(conversation, startingAfter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LettaTarget> ResolveTargetAsync(ConversationRuntime conversation, CancellationToken cancellationToken) =>
        conversation.AgentScope == AgentScope.Conversation
            ? new LettaTarget(await _agents.ResolveOrCreateAgentIdAsync(conversation, cancellationToken).ConfigureAwait(false))
            : await _agents.ResolveTargetAsync(conversation, cancellationToken).ConfigureAwait(false);
}
