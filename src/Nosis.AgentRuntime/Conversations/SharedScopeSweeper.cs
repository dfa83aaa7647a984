using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Conversations;

/// <summary>Deletes what the shared scopes created but nobody points at: shared agents no scope claimed, and Letta conversations no host conversation claimed.</summary>
/// <remarks>
/// Only what is older than <see cref="AgentRuntimeOptions.OrphanGracePeriod"/> is a candidate (a younger one may be mid-claim),
/// and only when the registry confirms, with a fresh read, that its owner points elsewhere or nowhere; when the registry
/// cannot answer, it is kept. Bounded per sweep, and safe on many instances at once (a 404 on delete counts as gone).
/// </remarks>
public sealed class SharedScopeSweeper
{
    private const int PageSize = 50;

    private readonly ILettaClient _letta;
    private readonly ILettaConversationClient _conversations;
    private readonly ISharedAgentRegistry _registry;
    private readonly AgentDeleter _agents;
    private readonly AgentDeleter _conversationDeleter;
    private readonly AgentRuntimeOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Initializes the sweeper.</summary>
    /// <param name="letta">The Letta client; it must also be an <see cref="ILettaConversationClient"/>.</param>
    /// <param name="registry">Where shared agents and Letta conversation ids are stored.</param>
    /// <param name="errorReporter">Receives failed deletions.</param>
    /// <param name="lettaOptions">The Letta options (for redaction).</param>
    /// <param name="runtimeOptions">The grace period.</param>
    /// <param name="telemetry">The orphans-deleted counter.</param>
    /// <param name="timeProvider">The clock that ages agents and conversations; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="letta"/> does not speak the Conversations API.</exception>
    public SharedScopeSweeper(
        ILettaClient letta,
        ISharedAgentRegistry registry,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        TimeProvider? timeProvider = null,
        ILogger<SharedScopeSweeper>? logger = null)
        : this(letta, registry, errorReporter, lettaOptions, runtimeOptions, telemetry, SecretRedactor.ForOptions(lettaOptions?.Value), timeProvider, logger)
    {
    }

    /// <summary>Initializes the sweeper with the host's shared redactor (the DI path).</summary>
    internal SharedScopeSweeper(
        ILettaClient letta,
        ISharedAgentRegistry registry,
        IErrorReporter errorReporter,
        IOptions<LettaOptions> lettaOptions,
        IOptions<AgentRuntimeOptions> runtimeOptions,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        TimeProvider? timeProvider,
        ILogger<SharedScopeSweeper>? logger)
    {
        ArgumentNullException.ThrowIfNull(letta);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(errorReporter);
        ArgumentNullException.ThrowIfNull(lettaOptions);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(telemetry);
        _conversations = letta as ILettaConversationClient
            ?? throw new ArgumentException($"Sweeping the shared scopes needs a Letta client that speaks the Conversations API ({nameof(ILettaConversationClient)}).", nameof(letta));
        _letta = letta;
        _registry = registry;
        _options = runtimeOptions.Value;
        _time = timeProvider ?? TimeProvider.System;
        var log = logger ?? (ILogger)NullLogger.Instance;
        ArgumentNullException.ThrowIfNull(redactor);
        _agents = new AgentDeleter(null, letta.DeleteAgentAsync, "agent", InlineOnlyScheduler.Instance, errorReporter, telemetry, log, redactor);
        _conversationDeleter = new AgentDeleter(null, _conversations.DeleteConversationAsync, "Letta conversation", InlineOnlyScheduler.Instance, errorReporter, telemetry, log, redactor);
    }

    /// <summary>Gets or sets the most shared agents one sweep examines.</summary>
    /// <value>The default is 100.</value>
    public int MaxAgentsPerSweep { get; set; } = 100;

    /// <summary>Runs one sweep. Deletion failures are reported, never thrown.</summary>
    /// <param name="cancellationToken">Stops the sweep between agents and conversations.</param>
    /// <returns>What the sweep did.</returns>
    public async Task<SharedScopeSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var tally = new Tally();
        var agents = await PagesAsync(
            after => _letta.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.Shared], Limit = PageSize, After = after, OldestFirst = true }, cancellationToken),
            a => a.Id, MaxAgentsPerSweep).ConfigureAwait(false);
        foreach (var agent in agents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tally.AgentsExamined++;
            var key = AgentTags.ScopeOf(agent.Tags);
            var claimed = key is null ? Unverifiable : await ReadAsync(() => _registry.ReadSharedAgentIdAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(claimed, Unverifiable))
            {
                tally.Unverifiable++;
            }
            else if (string.Equals(claimed, agent.Id, StringComparison.Ordinal))
            {
                await SweepConversationsAsync(agent.Id, tally, cancellationToken).ConfigureAwait(false);
            }
            else if (IsYoung(agent.CreatedAt))
            {
                tally.Young++;
            }
            else
            {
                tally.Count(await _agents.DeleteAsync(key!.Value, agent.Id, cancellationToken).ConfigureAwait(false), agent: true);
            }
        }

        return new SharedScopeSweepResult(tally.AgentsExamined, tally.AgentsDeleted, tally.ConversationsExamined, tally.ConversationsDeleted, tally.Young, tally.Unverifiable, tally.Failed);
    }

    private async Task SweepConversationsAsync(string agentId, Tally tally, CancellationToken cancellationToken)
    {
        var conversations = await PagesAsync(
            after => _conversations.ListConversationsAsync(new LettaConversationListQuery(agentId) { Limit = PageSize, After = after, OldestFirst = true }, cancellationToken),
            c => c.Id, int.MaxValue).ConfigureAwait(false);
        foreach (var conversation in conversations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ConversationMarkers.ConversationOf(conversation.Description) is not { } owner)
            {
                continue; // not the runtime's: the host's own use of the agent
            }

            tally.ConversationsExamined++;
            if (IsYoung(conversation.CreatedAt))
            {
                tally.Young++;
                continue;
            }

            var claimed = await ReadAsync(() => _registry.ReadLettaConversationIdAsync(owner, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (ReferenceEquals(claimed, Unverifiable))
            {
                tally.Unverifiable++;
            }
            else if (!string.Equals(claimed, conversation.Id, StringComparison.Ordinal))
            {
                tally.Count(await _conversationDeleter.DeleteAsync(owner, conversation.Id, cancellationToken).ConfigureAwait(false), agent: false);
            }
        }
    }

    private static readonly string Unverifiable = new("?".ToCharArray());

    private static async Task<string?> ReadAsync(Func<Task<string?>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Unverifiable;
        }
    }

    /// <summary>Collects pages first and deletes after: deleting the cursor item would break paging.</summary>
    private static async Task<List<T>> PagesAsync<T>(Func<string?, Task<IReadOnlyList<T>>> page, Func<T, string> idOf, int max)
    {
        var all = new List<T>();
        string? after = null;
        while (all.Count < max)
        {
            var items = await page(after).ConfigureAwait(false);
            if (items.Count == 0)
            {
                break;
            }

            all.AddRange(items.Take(max - all.Count));
            after = idOf(items[^1]);
        }

        return all;
    }

    private bool IsYoung(DateTimeOffset? createdAt) => createdAt is not { } created || _time.GetUtcNow() - created < _options.OrphanGracePeriod;

    private sealed class Tally
    {
        public int AgentsExamined, AgentsDeleted, ConversationsExamined, ConversationsDeleted, Young, Unverifiable, Failed;

        public void Count(bool? deleted, bool agent)
        {
            if (deleted is null)
            {
                Failed++;
            }
            else if (agent)
            {
                AgentsDeleted++;
            }
            else
            {
                ConversationsDeleted++;
            }
        }
    }
}
