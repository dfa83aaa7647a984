using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>
/// What taking a conversation's turn lease on PostgreSQL read in the same statement: the conversation's agent, its active run
/// and its latest message, each handed out once to the first read of it that follows, so the turn does not ask again.
/// </summary>
/// <remarks>
/// While this process holds the lease, only its own turn writes those fields (another turn of the conversation waits for the
/// lease; the recovery sweeper takes it too), so the values a turn reads just after taking the lease are the ones it would read
/// from the database. Every write through this database to the conversation's messages, run or agent, and the lease's
/// release, drops what it changes; what is not read within <see cref="Freshness"/> is dropped too. Reads that must see other
/// processes' writes (<c>ReadClaimedAgentIdAsync</c>) never use it.
/// </remarks>
internal sealed class TurnReadAhead
{
    private static readonly long Freshness = (long)TimeSpan.FromSeconds(5).TotalMilliseconds;
    private const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private long _writes;

    /// <summary>Gets a count of the writes so far; read it before the statement whose reads <see cref="Keep"/> keeps.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Keeps what the lease statement read, unless this process wrote anything since <paramref name="writesBefore"/>.</summary>
    public void Keep(long writesBefore, string conversationId, string? agentId, ActiveRun? run, MessageRecord? latest)
    {
        if (Writes != writesBefore)
        {
            return; // a write ran alongside the statement: what it read may be older than that write
        }

        if (_kept.Count >= MaxKept)
        {
            _kept.Clear(); // leases taken and never released nor read: only a bound, the reads fall back to the database
        }

        var kept = new Kept(Environment.TickCount64, agentId, run, latest);
        _kept[conversationId] = kept;
        if (Writes != writesBefore)
        {
            _kept.TryRemove(new KeyValuePair<string, Kept>(conversationId, kept)); // a write raced the store above
        }
    }

    /// <summary>Drops everything kept for a conversation (its lease is released, or it is deleted).</summary>
    public void Forget(string conversationId)
    {
        Interlocked.Increment(ref _writes);
        _kept.TryRemove(conversationId, out _);
    }

    /// <summary>Drops the kept agent id; call it before writing the conversation's agent.</summary>
    public void ForgetAgentId(string conversationId) => Drop(conversationId, Part.AgentId);

    /// <summary>Drops the kept active run; call it before writing the conversation's run.</summary>
    public void ForgetActiveRun(string conversationId) => Drop(conversationId, Part.ActiveRun);

    /// <summary>Drops the kept latest message; call it before writing the conversation's messages.</summary>
    public void ForgetLatestMessage(string conversationId) => Drop(conversationId, Part.LatestMessage);

    public bool TryTakeAgentId(string conversationId, out string? agentId) => TryTake(conversationId, Part.AgentId, k => k.AgentId, out agentId);

    public bool TryTakeActiveRun(string conversationId, out ActiveRun? run) => TryTake(conversationId, Part.ActiveRun, k => k.Run, out run);

    public bool TryTakeLatestMessage(string conversationId, out MessageRecord? latest) => TryTake(conversationId, Part.LatestMessage, k => k.Latest, out latest);

    private bool TryTake<T>(string conversationId, Part part, Func<Kept, T> read, out T value)
    {
        value = default!;
        if (!_kept.TryGetValue(conversationId, out var kept))
        {
            return false;
        }

        if (Environment.TickCount64 - kept.TakenAt > Freshness)
        {
            _kept.TryRemove(new KeyValuePair<string, Kept>(conversationId, kept));
            return false;
        }

        lock (kept)
        {
            if ((kept.Taken & part) != 0)
            {
                return false;
            }

            kept.Taken |= part;
        }

        value = read(kept);
        return true;
    }

    private void Drop(string conversationId, Part part)
    {
        Interlocked.Increment(ref _writes);
        if (_kept.TryGetValue(conversationId, out var kept))
        {
            lock (kept)
            {
                kept.Taken |= part;
            }
        }
    }

    [Flags]
    private enum Part
    {
        AgentId = 1,
        ActiveRun = 2,
        LatestMessage = 4,
    }

    private sealed class Kept(long takenAt, string? agentId, ActiveRun? run, MessageRecord? latest)
    {
        public long TakenAt { get; } = takenAt;

        public string? AgentId { get; } = agentId;

        public ActiveRun? Run { get; } = run;

        public MessageRecord? Latest { get; } = latest;

        public Part Taken { get; set; }
    }
}
