using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Conversations;

/// <summary>Resolves the target of a turn in every agent scope: a conversation's own agent, or a shared agent and a Letta conversation per host conversation.</summary>
/// <remarks>
/// Conversations of scope <see cref="AgentScope.Conversation"/> go to the inner resolver unchanged. In the shared scopes both
/// claims (the scope's agent, then the host conversation's Letta conversation in it) have what the agent claim has:
/// single-flight in process, compare-and-set across processes, tags or description markers for the sweeper, adoption of a
/// resource whose create response was lost, and deletion of a loser in the background. Thread-safe.
/// </remarks>
public sealed class ScopedAgentClaimService : IAgentIdResolver
{
    private readonly IAgentIdResolver _own;
    private readonly ILettaClient _letta;
    private readonly ILettaConversationClient _conversations;
    private readonly ISharedAgentRegistry _registry;
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly AgentRuntimeOptions _options;
    private readonly ClaimRunner _agentRunner;
    private readonly ClaimRunner _conversationRunner;
    private readonly AgentDeleter _agentDeleter;
    private readonly AgentDeleter _conversationDeleter;

    /// <summary>Initializes the service.</summary>
    /// <param name="own">Resolves the agents of conversations of scope <see cref="AgentScope.Conversation"/> (an <see cref="AgentClaimService"/>).</param>
    /// <param name="letta">The Letta client; it must also be an <see cref="ILettaConversationClient"/>.</param>
    /// <param name="registry">Where shared agents and Letta conversation ids are stored.</param>
    /// <param name="scheduler">Runs deletions of losers after the caller has its answer.</param>
    /// <param name="errorReporter">Receives failures of background deletions.</param>
    /// <param name="lettaOptions">Retry limits and delays.</param>
    /// <param name="runtimeOptions">The model and embedding of new agents.</param>
    /// <param name="telemetry">Counters for creations and lost claims.</param>
    /// <param name="timeProvider">The clock for retry delays; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="letta"/> does not speak the Conversations API.</exception>
    public ScopedAgentClaimService(
        IAgentIdResolver own,
        ILettaClient letta,
        ISharedAgentRegistry registry,
        IBackgroundScheduler scheduler,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        TimeProvider? timeProvider = null,
        ILogger<ScopedAgentClaimService>? logger = null)
        : this(own, letta, registry, scheduler, errorReporter, lettaOptions, runtimeOptions, telemetry, SecretRedactor.ForOptions(lettaOptions?.Value), timeProvider, logger)
    {
    }

    /// <summary>Initializes the service with the host's shared redactor (the DI path).</summary>
    internal ScopedAgentClaimService(
        IAgentIdResolver own,
        ILettaClient letta,
        ISharedAgentRegistry registry,
        IBackgroundScheduler scheduler,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        TimeProvider? timeProvider,
        ILogger<ScopedAgentClaimService>? logger)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(letta);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(errorReporter);
        ArgumentNullException.ThrowIfNull(lettaOptions);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(telemetry);
        _conversations = letta as ILettaConversationClient
            ?? throw new ArgumentException($"The shared agent scopes need a Letta client that speaks the Conversations API ({nameof(ILettaConversationClient)}); {letta.GetType().Name} does not.", nameof(letta));
        _own = own;
        _letta = letta;
        _registry = registry;
        _telemetry = telemetry;
        _options = runtimeOptions.Value;
        var log = logger ?? (ILogger)NullLogger.Instance;
        var time = timeProvider ?? TimeProvider.System;
        _agentRunner = new ClaimRunner(lettaOptions.Value, telemetry, time, log);
        _conversationRunner = new ClaimRunner(lettaOptions.Value, telemetry, time, log);
        _agentDeleter = new AgentDeleter(
            (owner, token) => registry.ReadSharedAgentIdAsync(SharedKeyOf(owner), token), letta.DeleteAgentAsync, "agent", scheduler, errorReporter, telemetry, log, redactor);
        _conversationDeleter = new AgentDeleter(
            registry.ReadLettaConversationIdAsync, _conversations.DeleteConversationAsync, "Letta conversation", scheduler, errorReporter, telemetry, log, redactor);
    }

    /// <inheritdoc/>
    public async Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return conversation.AgentScope == AgentScope.Conversation
            ? await _own.ResolveOrCreateAgentIdAsync(conversation, cancellationToken).ConfigureAwait(false)
            : await ResolveSharedAgentAsync(SharedAgentKey.For(conversation), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<LettaTarget> ResolveTargetAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.AgentScope == AgentScope.Conversation)
        {
            return await _own.ResolveTargetAsync(conversation, cancellationToken).ConfigureAwait(false);
        }

        var agentId = await ResolveSharedAgentAsync(SharedAgentKey.For(conversation), cancellationToken).ConfigureAwait(false);
        var stored = await _registry.ReadLettaConversationIdAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        var lettaConversationId = stored is { Length: > 0 }
            ? stored
            : await _conversationRunner.ClaimAsync(ConversationSlot(conversation, agentId), cancellationToken).ConfigureAwait(false);
        return new LettaTarget(agentId, lettaConversationId);
    }

    /// <inheritdoc/>
    public Task<string> ReplaceLostAgentIdAsync(ConversationRuntime conversation, string lostAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(lostAgentId);
        return conversation.AgentScope == AgentScope.Conversation
            ? _own.ReplaceLostAgentIdAsync(conversation, lostAgentId, cancellationToken)
            : _agentRunner.ReplaceAsync(AgentSlot(SharedAgentKey.For(conversation)), lostAgentId, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A lost shared agent is replaced for every conversation of its scope (compare-and-set from the lost id), then this
    /// conversation's Letta conversation is replaced by one in the new agent; a lost Letta conversation alone is replaced
    /// without touching the agent or any other conversation.
    /// </remarks>
    public async Task<LettaTarget> ReplaceLostTargetAsync(ConversationRuntime conversation, LettaTarget lost, bool agentLost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lost);
        if (conversation.AgentScope == AgentScope.Conversation || lost.LettaConversationId is not { } lostConversation)
        {
            return await _own.ReplaceLostTargetAsync(conversation, lost, agentLost, cancellationToken).ConfigureAwait(false);
        }

        var agentId = agentLost
            ? await _agentRunner.ReplaceAsync(AgentSlot(SharedAgentKey.For(conversation)), lost.AgentId, cancellationToken).ConfigureAwait(false)
            : lost.AgentId;
        var replacement = await _conversationRunner.ReplaceAsync(ConversationSlot(conversation, agentId), lostConversation, cancellationToken).ConfigureAwait(false);
        return new LettaTarget(agentId, replacement);
    }

    private async Task<string> ResolveSharedAgentAsync(SharedAgentKey key, CancellationToken cancellationToken)
    {
        var stored = await _registry.ReadSharedAgentIdAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is { Length: > 0 } ? stored : await _agentRunner.ClaimAsync(AgentSlot(key), cancellationToken).ConfigureAwait(false);
    }

    private SharedAgentSlot AgentSlot(SharedAgentKey key) => new(key, _letta, _registry, _agentDeleter, _telemetry, _options);

    private LettaConversationSlot ConversationSlot(ConversationRuntime conversation, string agentId) =>
        new(conversation.ConversationId, agentId, _conversations, _registry, _conversationDeleter);

    private static SharedAgentKey SharedKeyOf(string owner) =>
        AgentTags.ScopeOf([AgentTags.ScopePrefix + owner]) ?? throw new InvalidOperationException($"'{owner}' names no shared scope.");
}
