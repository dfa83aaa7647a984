using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Deletes agents the runtime created whose conversation does not point to them (a crash between create and claim).</summary>
/// <remarks>
/// Only agents older than <see cref="AgentRuntimeOptions.OrphanGracePeriod"/> are candidates (a younger one may be mid-claim),
/// and only when the registry confirms, with a fresh read, that their conversation uses another agent or none; when the
/// registry cannot answer, the agent is kept. Safe on many instances at once: a 404 on delete counts as already gone.
/// </remarks>
public sealed class OrphanAgentSweeper
{
    private const int PageSize = 50;

    private readonly ILettaClient _letta;
    private readonly IAgentIdRegistry _registry;
    private readonly AgentDeleter _deleter;
    private readonly AgentRuntimeOptions _runtimeOptions;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes the sweeper.</summary>
    /// <param name="letta">The Letta client.</param>
    /// <param name="registry">Where conversations store their agent id.</param>
    /// <param name="errorReporter">Receives failed deletions.</param>
    /// <param name="lettaOptions">The Letta options (for redaction).</param>
    /// <param name="runtimeOptions">The grace period.</param>
    /// <param name="telemetry">The orphans-deleted counter.</param>
    /// <param name="timeProvider">The clock that ages agents; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    public OrphanAgentSweeper(
        ILettaClient letta,
        IAgentIdRegistry registry,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        TimeProvider? timeProvider = null,
        ILogger<OrphanAgentSweeper>? logger = null)
        : this(letta, registry, errorReporter, lettaOptions, runtimeOptions, telemetry, SecretRedactor.ForOptions(lettaOptions?.Value), timeProvider, logger)
    {
    }

    /// <summary>Initializes the sweeper with the host's shared redactor (the DI path).</summary>
    internal OrphanAgentSweeper(
        ILettaClient letta,
        IAgentIdRegistry registry,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        TimeProvider? timeProvider,
        ILogger<OrphanAgentSweeper>? logger)
    {
        ArgumentNullException.ThrowIfNull(letta);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(errorReporter);
        ArgumentNullException.ThrowIfNull(lettaOptions);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(telemetry);

        _letta = letta;
        _registry = registry;
        _runtimeOptions = runtimeOptions.Value;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _deleter = new AgentDeleter(letta, registry: null, InlineOnlyScheduler.Instance, errorReporter, telemetry, _logger, redactor);
    }

    /// <summary>Gets or sets the most agents one sweep examines.</summary>
    /// <value>The default is 200.</value>
    public int MaxAgentsPerSweep { get; set; } = 200;

    /// <summary>Runs one sweep. Deletion failures are reported, never thrown.</summary>
    /// <param name="cancellationToken">Stops the sweep between agents.</param>
    /// <returns>What the sweep did.</returns>
    public async Task<OrphanSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        // Collect first, delete after: deleting the cursor agent would break paging.
        var candidates = new List<LettaAgent>();
        string? after = null;
        while (candidates.Count < MaxAgentsPerSweep)
        {
            var page = await _letta.ListAgentsAsync(
                new LettaAgentListQuery { Tags = [AgentTags.Runtime], Limit = Math.Min(PageSize, MaxAgentsPerSweep - candidates.Count), After = after, OldestFirst = true },
                cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            candidates.AddRange(page);
            after = page[^1].Id;
        }

        int deleted = 0, gone = 0, kept = 0, young = 0, unverifiable = 0, failed = 0;
        var now = _timeProvider.GetUtcNow();
        foreach (var agent in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var conversationId = AgentTags.ConversationOf(agent.Tags);
            if (conversationId is null)
            {
                unverifiable++;
                continue;
            }

            if (agent.CreatedAt is not { } createdAt || now - createdAt < _runtimeOptions.OrphanGracePeriod)
            {
                young++;
                continue;
            }

            string? claimed;
            try
            {
                claimed = await _registry.ReadClaimedAgentIdAsync(conversationId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _logger.SweepUnverifiable(agent.Id, conversationId, exception);
                unverifiable++;
                continue;
            }

            if (string.Equals(claimed, agent.Id, StringComparison.Ordinal))
            {
                kept++;
                continue;
            }

            switch (await _deleter.DeleteAsync(conversationId, agent.Id, cancellationToken).ConfigureAwait(false))
            {
                case true:
                    deleted++;
                    break;
                case false:
                    gone++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        _logger.SweepFinished(candidates.Count, deleted);
        return new OrphanSweepResult(candidates.Count, deleted, gone, kept, young, unverifiable, failed);
    }
}
