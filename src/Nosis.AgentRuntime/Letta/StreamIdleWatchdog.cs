namespace Nosis.AgentRuntime.Letta;

/// <summary>Cancels a reply stream that has been silent, while the client waits for it, for longer than the idle timeout.</summary>
/// <remarks>
/// A frame costs two field writes, not two timer changes or clock reads: a coarse timer ticks four times per timeout and
/// counts the ticks at which the client waited and no frame had arrived since the tick before. The first such tick may follow a
/// wait that began just before it, so five in a row cancel: a silent stream is cancelled between one and one and a quarter
/// timeouts after the wait began. Time the caller spends with a frame never counts.
/// </remarks>
internal sealed class StreamIdleWatchdog : IDisposable
{
    private const int TicksPerTimeout = 4;

    private readonly CancellationTokenSource _idle;
    private readonly ITimer _timer;
    private volatile bool _waiting;
    private int _frames;
    private int _framesAtLastTick;
    private int _silentTicks;

    public StreamIdleWatchdog(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var period = timeout / TicksPerTimeout;
        _timer = TimeProvider.System.CreateTimer(static state => ((StreamIdleWatchdog)state!).Tick(), this, period, period);
    }

    /// <summary>Gets the token that is cancelled when the stream was silent for too long, or when the caller cancels.</summary>
    public CancellationToken Token => _idle.Token;

    /// <summary>Marks the start of a wait for the next frame.</summary>
    public void Waiting() => _waiting = true;

    /// <summary>Marks that a frame arrived: the caller holds it, and the server is not silent meanwhile.</summary>
    public void Received()
    {
        _waiting = false;
        Volatile.Write(ref _frames, _frames + 1);
    }

    public void Dispose()
    {
        _timer.Dispose();
        _idle.Dispose();
    }

    /// <summary>Runs on the timer, one tick at a time.</summary>
    private void Tick()
    {
        var frames = Volatile.Read(ref _frames);
        var silent = _waiting && frames == _framesAtLastTick;
        _framesAtLastTick = frames;
        _silentTicks = silent ? _silentTicks + 1 : 0;
        if (_silentTicks <= TicksPerTimeout)
        {
            return;
        }

        try
        {
            _idle.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the timer ticked.
        }
    }
}
