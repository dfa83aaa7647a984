using System.Threading.Tasks.Sources;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The one reader's wait of a <see cref="TurnEventBuffer"/>, reused from wait to wait so waiting allocates nothing: armed by the
/// reader, completed once by whoever comes first, the producer's hand-over or the reader's cancellation.
/// </summary>
internal sealed class TurnReaderSignal : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private int _armed;

    /// <summary>Gets whether a wait is armed and not yet completed.</summary>
    public bool IsArmed => Volatile.Read(ref _armed) == 1;

    /// <summary>Starts a wait; the previous one must have been awaited.</summary>
    public ValueTask<bool> Arm(CancellationToken cancellationToken)
    {
        _core.Reset();
        Volatile.Write(ref _armed, 1);
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((TurnReaderSignal)state!).Cancel(token), this);
        }

        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Ends an armed wait with <see langword="true"/>; does nothing when none is armed or it already ended.</summary>
    public void Set()
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _core.SetResult(true);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            _cancellation.Dispose();
            _cancellation = default;
        }
    }

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _core.SetException(new OperationCanceledException(cancellationToken));
        }
    }
}
