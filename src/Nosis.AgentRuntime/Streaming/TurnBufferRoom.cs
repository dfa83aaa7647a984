namespace Nosis.AgentRuntime.Streaming;

/// <summary>The room of a <see cref="TurnEventBuffer"/>: how many events wait unread, the most that ever did, and the producer's wait when it is full.</summary>
/// <remarks>
/// <para>A producer that found the buffer full resumes once the consumer has read it down to half, so a slow consumer costs one wake-up per half buffer.</para>
/// <para>
/// The producer counts what it wrote and the consumer what it read, each in its own field, so neither pays an atomic
/// read-modify-write on a shared counter for every event. The producer looks at the consumer's count only when its last look
/// says the buffer is full; the two meet under a lock only when the producer waits.
/// </para>
/// </remarks>
internal sealed class TurnBufferRoom(int capacity)
{
    private readonly object _gate = new();
    private readonly int _resumeAt = capacity / 2;
    private long _written;
    private long _readSeen;
    private int _peak;
    private bool _released;
    private TaskCompletionSource? _producerWaiting;
    private volatile bool _waiting;
    private long _read;

    /// <summary>Gets the most events that waited at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>Gets whether the producer can write without waiting; the producer's side.</summary>
    public bool HasRoom => _written - _readSeen < capacity || _written - (_readSeen = Volatile.Read(ref _read)) < capacity;

    /// <summary>Counts a written event; the producer's side.</summary>
    public void Take()
    {
        Volatile.Write(ref _written, _written + 1);
        if (_written - _readSeen > _peak)
        {
            _readSeen = Volatile.Read(ref _read);
            var unread = (int)(_written - _readSeen);
            if (unread > _peak)
            {
                Volatile.Write(ref _peak, unread);
            }
        }
    }

    /// <summary>Counts a read event; reading the buffer down to half wakes a waiting producer. The consumer's side.</summary>
    public void Free()
    {
        var read = _read + 1;
        Volatile.Write(ref _read, read);
        if (_waiting && Volatile.Read(ref _written) - read <= _resumeAt)
        {
            WakeProducer();
        }
    }

    /// <summary>The consumer has read everything it was handed: a producer waiting for room resumes.</summary>
    /// <remarks>Covers a wait the consumer's last <see cref="Free"/> did not see yet: both sides fence before they look at the other's flag or count.</remarks>
    public void ReaderIdle()
    {
        Interlocked.MemoryBarrier();
        if (_waiting)
        {
            WakeProducer();
        }
    }

    /// <summary>Returns <see langword="null"/> when there is room, else a task that completes once there is; the producer's side.</summary>
    public Task? WaitForRoom()
    {
        lock (_gate)
        {
            if (_released)
            {
                return null;
            }

            _waiting = true;
            Interlocked.MemoryBarrier();
            if (HasRoom)
            {
                _waiting = false;
                return null;
            }

            return (_producerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
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
            _waiting = false;
        }

        producer?.TrySetResult();
    }
}
