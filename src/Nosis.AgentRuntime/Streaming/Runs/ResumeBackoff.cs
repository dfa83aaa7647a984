namespace Nosis.AgentRuntime.Streaming;

/// <summary>The delays between attempts to read a broken background stream again: doubling from a first delay, with full jitter, capped; the budget starts over on progress.</summary>
internal sealed class ResumeBackoff(int maxAttempts, TimeSpan firstDelay)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);
    private int _attempts;

    /// <summary>Counts a failure; returns the delay before the next attempt, or <see langword="null"/> when the budget is spent.</summary>
    public TimeSpan? NextDelay()
    {
        if (++_attempts > maxAttempts)
        {
            return null;
        }

        var ceiling = Math.Min(firstDelay.TotalMilliseconds * Math.Pow(2, _attempts - 1), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>Starts the budget over: the stream made progress since the last failure.</summary>
    public void Reset() => _attempts = 0;
}
