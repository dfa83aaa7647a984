namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Counts the chats of a load phase that have received their first token and those that have ended.</summary>
public sealed class StreamCensus
{
    private int _started;
    private int _ended;

    public int Started => Volatile.Read(ref _started);

    public int Ended => Volatile.Read(ref _ended);

    /// <summary>Counts a chat's first token and returns its time, for the caller to keep.</summary>
    public TimeSpan FirstToken(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _started);
        return elapsed;
    }

    public void EndedOne() => Interlocked.Increment(ref _ended);
}
