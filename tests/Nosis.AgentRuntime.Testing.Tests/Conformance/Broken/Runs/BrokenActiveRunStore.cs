using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>The base of the deliberately wrong active-run stores: a correct locked table over known conversations whose steps each bug overrides.</summary>
public abstract class BrokenActiveRunStore : IActiveRunStore
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActiveRun> _runs = new(StringComparer.Ordinal);

    public string AddConversation()
    {
        var id = "conv-" + Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            _conversations.Add(id);
        }

        return id;
    }

    public virtual Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_conversations.Contains(run.ConversationId))
            {
                return Task.FromResult(false);
            }

            _runs[KeyOf(run.ConversationId)] = run;
            return Task.FromResult(true);
        }
    }

    public virtual Task<bool> AdvanceAsync(string conversationId, string runId, long seqId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_runs.TryGetValue(KeyOf(conversationId), out var run) || run.RunId != runId || run.LastSeqId >= seqId)
            {
                return Task.FromResult(false);
            }

            _runs[KeyOf(conversationId)] = run with { LastSeqId = seqId };
            return Task.FromResult(true);
        }
    }

    public virtual Task<ActiveRun?> GetActiveRunAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.GetValueOrDefault(KeyOf(conversationId)));
        }
    }

    public virtual Task<bool> ClearActiveRunAsync(string conversationId, string runId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(KeyOf(conversationId), out var run) && run.RunId == runId && _runs.Remove(KeyOf(conversationId)));
        }
    }

    protected virtual string KeyOf(string conversationId) => conversationId;

    protected void Put(string conversationId, ActiveRun run)
    {
        lock (_gate)
        {
            _runs[KeyOf(conversationId)] = run;
        }
    }

    protected void Forget(string conversationId)
    {
        lock (_gate)
        {
            _runs.Remove(KeyOf(conversationId));
        }
    }
}
