using System.Runtime.CompilerServices;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The bounded buffer between a turn's producer (the turn pipeline reading Letta) and its one consumer (the response writer).
/// </summary>
/// <remarks>
/// <para>
/// Unlike a channel, it does not wake the consumer for every event: the producer collects events while its source has more
/// ready (<see cref="WriteAsync"/>) and hands them over together when the source is about to wait for the network
/// (<see cref="Publish"/>), when half the buffer is waiting, or at the end. Over a live connection that is one hand-over per network
/// read, as before; over a burst of frames already received it is one per burst, not one thread hop per event.
/// </para>
/// <para>At most the capacity of events wait at once, counted from when they are written, published or not (<see cref="TurnBufferRoom"/>).</para>
/// </remarks>
internal sealed class TurnEventBuffer
{
    private readonly object _gate = new();
    private readonly TurnBufferRoom _room;
    private readonly int _batchSize;
    private List<AgentChatEvent> _writing = [];
    private List<AgentChatEvent> _published = [];
    private List<AgentChatEvent> _reading = [];
    private int _readIndex;
    private bool _completed;
    private volatile bool _detached;
    private readonly TurnReaderSignal _reader = new();

    public TurnEventBuffer(int capacity)
    {
        _room = new TurnBufferRoom(capacity);
        _batchSize = Math.Max(1, capacity / 2);
    }

    /// <summary>Gets the most events that waited at once.</summary>
    public int PeakBuffered => _room.Peak;

    /// <summary>Adds an event, waiting for room only when the buffer is full.</summary>
    /// <param name="chatEvent">The event.</param>
    /// <param name="cancellationToken">Cancels a wait for room; an event that fits is added even when it is cancelled.</param>
    /// <remarks>After <see cref="Detach"/> the event is dropped.</remarks>
    public ValueTask WriteAsync(AgentChatEvent chatEvent, CancellationToken cancellationToken)
    {
        if (_detached)
        {
            return default;
        }

        return _room.HasRoom ? Add(chatEvent) : WaitForRoomAsync(chatEvent, cancellationToken);
    }

    /// <summary>Hands the events written so far to the consumer.</summary>
    public void Publish()
    {
        if (_writing.Count > 0)
        {
            HandOver(complete: false, fromProducer: true);
        }
    }

    /// <summary>Publishes what is left and ends the events; the consumer reads them and then sees the end.</summary>
    public void Complete() => HandOver(complete: true, fromProducer: true);

    /// <summary>The consumer left for good: the reader sees the end, a producer waiting for room resumes, and later events are dropped.</summary>
    /// <remarks>Called from the consumer's side, for a turn that goes on in the background with nobody reading.</remarks>
    public void Detach()
    {
        _detached = true;
        _room.Release();
        HandOver(complete: true, fromProducer: false);
    }

    /// <summary>Waits until an event can be read; <see langword="false"/> once the events ended and all were read.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        if (_readIndex < _reading.Count)
        {
            return ValueTask.FromResult(true);
        }

        ValueTask<bool> wait;
        lock (_gate)
        {
            if (TakePublished())
            {
                return ValueTask.FromResult(true);
            }

            if (_completed)
            {
                return ValueTask.FromResult(false);
            }

            // Woken with true: the reader looks again and finds events or the end.
            wait = _reader.Arm(cancellationToken);
        }

        _room.ReaderIdle();
        return wait;
    }

    /// <summary>Reads the next event, if one was handed over.</summary>
    public bool TryRead(out AgentChatEvent chatEvent)
    {
        if (_readIndex == _reading.Count)
        {
            lock (_gate)
            {
                if (!TakePublished())
                {
                    chatEvent = null!;
                    return false;
                }
            }
        }

        chatEvent = _reading[_readIndex++];
        _room.Free();
        return true;
    }

    private ValueTask Add(AgentChatEvent chatEvent)
    {
        _writing.Add(chatEvent);
        _room.Take();

        if (_writing.Count >= _batchSize)
        {
            Publish(); // half a buffer is handed over at once, so the consumer reads one half while the producer fills the other
        }

        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))] // its state machine is reused, not allocated per wait
    private async ValueTask WaitForRoomAsync(AgentChatEvent chatEvent, CancellationToken cancellationToken)
    {
        while (_room.WaitForRoom() is { } room)
        {
            Publish(); // a full buffer is handed over, so the consumer can make room
            await room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!_detached)
        {
            await Add(chatEvent).ConfigureAwait(false);
        }
    }

    /// <summary>Publishes the producer's events, unless the consumer's side calls (only the producer touches its list), and wakes a waiting reader.</summary>
    private void HandOver(bool complete, bool fromProducer)
    {
        bool wake;
        lock (_gate)
        {
            if (fromProducer)
            {
                MoveWritten();
            }

            _completed |= complete;
            wake = _reader.IsArmed;
        }

        if (wake)
        {
            _reader.Set();
        }
    }

    /// <summary>Moves the producer's events behind the published ones; called under the lock.</summary>
    private void MoveWritten()
    {
        if (_published.Count == 0)
        {
            (_writing, _published) = (_published, _writing);
        }
        else
        {
            _published.AddRange(_writing);
            _writing.Clear();
        }
    }

    /// <summary>Moves the published events to the reader's side; called under the lock with the reader's side read to its end.</summary>
    private bool TakePublished()
    {
        if (_published.Count == 0)
        {
            return false;
        }

        _reading.Clear();
        (_reading, _published) = (_published, _reading);
        _readIndex = 0;
        return true;
    }
}
