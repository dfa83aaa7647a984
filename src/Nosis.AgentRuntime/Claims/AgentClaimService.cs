using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Finds or creates the Letta agent of a conversation, race-safe within a process and across processes.</summary>
/// <remarks>
/// Within one instance concurrent callers for one conversation share one creation (single-flight); across instances the
/// registry's compare-and-set decides, and a losing agent is deleted in the background. A caller that cancels leaves the
/// shared creation running for the others; when every caller has gone, a created agent that was not claimed is deleted.
/// Thread-safe.
/// </remarks>
public sealed partial class AgentClaimService : IAgentIdResolver
{
    private readonly ILettaClient _letta;
    private readonly IAgentIdRegistry _registry;
    private readonly AgentDeleter _deleter;
    private readonly AgentRuntimeOptions _runtimeOptions;
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly ClaimRunner _runner;

    /// <summary>Initializes the service.</summary>
    /// <param name="letta">The Letta client.</param>
    /// <param name="registry">Where conversations store their agent id.</param>
    /// <param name="scheduler">Runs orphan deletions after the caller has its answer.</param>
    /// <param name="errorReporter">Receives failures of background deletions.</param>
    /// <param name="lettaOptions">Retry limits and delays.</param>
    /// <param name="runtimeOptions">The model and embedding of new agents.</param>
    /// <param name="telemetry">Counters for creations, lost claims and deleted orphans.</param>
    /// <param name="timeProvider">The clock for retry delays; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    public AgentClaimService(
        ILettaClient letta,
        IAgentIdRegistry registry,
        IBackgroundScheduler scheduler,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        TimeProvider? timeProvider = null,
        ILogger<AgentClaimService>? logger = null)
        : this(letta, registry, scheduler, errorReporter, lettaOptions, runtimeOptions, telemetry, SecretRedactor.ForOptions(lettaOptions?.Value), timeProvider, logger)
    {
    }

    /// <summary>Initializes the service with the host's shared redactor (the DI path).</summary>
    internal AgentClaimService(
        ILettaClient letta,
        IAgentIdRegistry registry,
        IBackgroundScheduler scheduler,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        TimeProvider? timeProvider,
        ILogger<AgentClaimService>? logger)
    {
        ArgumentNullException.ThrowIfNull(letta);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(errorReporter);
        ArgumentNullException.ThrowIfNull(lettaOptions);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(telemetry);

        _letta = letta;
        _registry = registry;
        _runtimeOptions = runtimeOptions.Value;
        _telemetry = telemetry;
        var log = logger ?? (ILogger)NullLogger.Instance;
        _runner = new ClaimRunner(lettaOptions.Value, telemetry, timeProvider ?? TimeProvider.System, log);
        _deleter = new AgentDeleter(letta, registry, scheduler, errorReporter, telemetry, log, redactor);
    }

    /// <summary>Returns the conversation's agent id, creating and claiming an agent when it has none.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="cancellationToken">Stops this caller waiting; a shared creation goes on for other callers.</param>
    /// <returns>The agent id the conversation uses.</returns>
    /// <exception cref="LettaApiException">Letta refused the create call (a 4xx other than 408/409/429), or kept failing after the retries.</exception>
    /// <exception cref="AgentBusyException">Letta answered 409.</exception>
    /// <exception cref="AgentClaimException">The claim was lost, yet the registry holds no winner.</exception>
    public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.AgentId is { Length: > 0 } known)
        {
            return Task.FromResult(known);
        }

        // Hot path: the registry answered synchronously with an agent; hand its task back rather than wrap it in another.
        Task<string?> stored;
        try
        {
            stored = _registry.GetAgentIdAsync(conversation.ConversationId, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<string>(exception);
        }

        return stored.IsCompletedSuccessfully && stored.Result is { Length: > 0 }
            ? stored!
            : ResolveSlowAsync(conversation, stored, cancellationToken);
    }

    private async Task<string> ResolveSlowAsync(ConversationRuntime conversation, Task<string?> storedRead, CancellationToken cancellationToken)
    {
        var stored = await storedRead.ConfigureAwait(false);
        return stored is { Length: > 0 } ? stored : await _runner.ClaimAsync(SlotFor(conversation), cancellationToken).ConfigureAwait(false);
    }

    private AgentClaimSlot SlotFor(ConversationRuntime conversation) => new(conversation, _letta, _registry, _deleter, _telemetry, BuildRequest);
}
