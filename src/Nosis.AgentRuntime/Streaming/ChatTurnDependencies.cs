using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>What the built-in layers of the turn pipeline are made from.</summary>
internal sealed record ChatTurnDependencies(
    ILettaClient Letta,
    IMessageStore Messages,
    IBackgroundScheduler Scheduler,
    IErrorReporter Errors,
    AgentRuntimeOptions Options,
    SecretRedactor Redactor,
    TimeProvider Time,
    ILogger Logger,
    AgentRuntimeTelemetry Telemetry,
    IAgentIdResolver? Agents = null,
    CancellationToken Stopping = default,
    IActiveRunStore? ActiveRuns = null)
{
    /// <summary>Gets the reader of background runs, when <see cref="AgentRuntimeOptions.BackgroundRuns"/> is on.</summary>
    /// <exception cref="InvalidOperationException">Background runs are on but no <see cref="IActiveRunStore"/> is registered, or the Letta client cannot read runs.</exception>
    public BackgroundRunReader? Runs { get; } = Options.BackgroundRuns ? CreateReader(Letta, ActiveRuns, Options, Time, Logger) : null;

    /// <summary>
    /// Composes the pipeline: telemetry, persistence, the host's layers (first given is outermost), client tools, lost-agent
    /// replacement (when a resolver is given), waiting out a busy conversation, stranded-approval recovery, the Letta step.
    /// </summary>
    public IChatTurnClient BuildPipeline(IEnumerable<ChatTurnLayer> hostLayers, IServiceProvider? services)
    {
        IChatTurnClient client = new LettaStepTurnClient(Letta, Options, Runs, Logger);
        client = new StrandedApprovalTurnClient(client, Letta, Logger);
        client = new BusyConversationTurnClient(client, Letta, Options, Time, Logger);
        if (Agents is not null)
        {
            client = new LostAgentTurnClient(client, Letta, Agents, Logger);
        }

        client = new ClientToolTurnClient(client, new ClientToolRunner(Redactor, Logger), new AbandonedCallAnswerer(Letta, Logger, Stopping), Options, Logger);
        foreach (var layer in hostLayers.Reverse())
        {
            client = layer.Create(client, services) ?? throw new InvalidOperationException("A turn layer factory returned null.");
        }

        client = new PersistingTurnClient(client, new ReplyCompleter(Messages, Scheduler, Errors, Redactor, Options, Time, Logger, Stopping), Options);
        return new TelemetryTurnClient(client, Telemetry, Time, Logger);
    }

    private static BackgroundRunReader CreateReader(ILettaClient letta, IActiveRunStore? store, AgentRuntimeOptions options, TimeProvider time, ILogger logger)
    {
        if (store is null)
        {
            throw new InvalidOperationException("AgentRuntimeOptions.BackgroundRuns needs an IActiveRunStore to keep each conversation's run in; register one (the SQL adapter's SqlActiveRunStore, say).");
        }

        if (letta is not ILettaFrameSource frames || letta is not ILettaRunClient runs)
        {
            throw new InvalidOperationException(
                "AgentRuntimeOptions.BackgroundRuns needs Letta's V1 runs API, which the runtime's own LettaClient (Letta:Backend Cloud) reads; the App Server has none: turn Runtime:BackgroundRuns off there.");
        }

        return new BackgroundRunReader(frames, runs, store, options, time, logger);
    }

    /// <summary>The dependencies of an <see cref="AgentChatService"/> built without DI, from its public constructor's arguments.</summary>
    public static ChatTurnDependencies ForService(
        IAgentIdResolver agents, ILettaClient letta, IMessageStore messages, IToolLoader tools, IBackgroundScheduler scheduler, IErrorReporter errors,
        IOptions<AgentRuntimeOptions> options, IOptions<LettaOptions> lettaOptions, TimeProvider? timeProvider, ILoggerFactory? loggerFactory,
        AgentRuntimeTelemetry? telemetry, IActiveRunStore? activeRuns)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(letta);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lettaOptions);
        return new ChatTurnDependencies(
            letta, messages, scheduler, errors, options.Value, SecretRedactor.ForOptions(lettaOptions.Value), timeProvider ?? TimeProvider.System,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<AgentChatService>(), telemetry ?? new AgentRuntimeTelemetry(), agents, ActiveRuns: activeRuns);
    }
}
