namespace Nosis.AgentRuntime.AppServer;

/// <summary>Spaces connection attempts after failures: the first waits <c>initial</c>, each further one twice as long, up to <c>max</c>.</summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, TimeProvider time)
{
    private int _failures;
    private long _lastFailure;

    /// <summary>Waits until the next attempt is due; at once when the last attempt succeeded.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (_failures == 0)
        {
            return Task.CompletedTask;
        }

        var delay = TimeSpan.FromTicks(Math.Min(max.Ticks, initial.Ticks << Math.Min(_failures - 1, 20)));
        var remaining = delay - time.GetElapsedTime(_lastFailure);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Records a failed attempt.</summary>
    public void Failed()
    {
        _failures++;
        _lastFailure = time.GetTimestamp();
    }

    /// <summary>Records a successful attempt, so the next one after a drop is made at once.</summary>
    public void Succeeded() => _failures = 0;
}
