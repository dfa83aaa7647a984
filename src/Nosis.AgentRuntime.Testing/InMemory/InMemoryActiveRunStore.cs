using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IActiveRunStore"/> in memory: one active run per conversation, each member one atomic step under a lock.</summary>
/// <remarks>One instance can be shared by several runtime instances in one process to act as their common turn state. Every conversation id is accepted.</remarks>
public sealed class InMemoryActiveRunStore : IActiveRunStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActiveRun> _runs = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _runs[run.ConversationId] = run;
        }

        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<bool> AdvanceAsync(string conversationId, string runId, long seqId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_runs.TryGetValue(conversationId, out var run) || run.RunId != runId || run.LastSeqId >= seqId)
            {
                return Task.FromResult(false);
            }

            _runs[conversationId] = run with { LastSeqId = seqId };
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<ActiveRun?> GetActiveRunAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_runs.GetValueOrDefault(conversationId));
        }
    }

    /// <inheritdoc/>
    public Task<bool> ClearActiveRunAsync(string conversationId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(conversationId, out var run) && run.RunId == runId && _runs.Remove(conversationId));
        }
    }
}
