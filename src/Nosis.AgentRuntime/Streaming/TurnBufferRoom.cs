namespace Nosis.AgentRuntime.Streaming;

/// <summary>The room of a <see cref="TurnEventBuffer"/>: how many events wait unread, the most that ever did, and the producer's wait when it is full.</summary>
/// <remarks>A producer that found the buffer full resumes once the consumer has read it down to half, so a slow consumer costs one wake-up per half buffer.</remarks>
internal sealed class TurnBufferRoom(int capacity)
{
    private readonly object _gate = new();
    private readonly int _resumeAt = capacity / 2;
    private int _unread;
    private int _peak;
    private bool _released;
    private TaskCompletionSource? _producerWaiting;

    /// <summary>Gets the most events that waited at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public bool HasRoom => Volatile.Read(ref _unread) < capacity;

    /// <summary>Counts a written event.</summary>
    public void Take()
    {
        var unread = Interlocked.Increment(ref _unread);
        if (unread > _peak)
        {
            Volatile.Write(ref _peak, unread);
        }
    }

    /// <summary>Counts a read event; reading the buffer down to half wakes a waiting producer.</summary>
    public void Free()
    {
        if (Interlocked.Decrement(ref _unread) == _resumeAt)
        {
            WakeProducer();
        }
    }

    /// <summary>Returns <see langword="null"/> when there is room, else a task that completes once there is.</summary>
    public Task? WaitForRoom()
    {
        lock (_gate)
        {
            return _released || HasRoom ? null : (_producerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Ends all waiting for room, now and later: nobody will read.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _released = true;
        }

        WakeProducer();
    }

    private void WakeProducer()
    {
        TaskCompletionSource? producer;
        lock (_gate)
        {
            producer = _producerWaiting;
            _producerWaiting = null;
        }

        producer?.TrySetResult();
    }
}
