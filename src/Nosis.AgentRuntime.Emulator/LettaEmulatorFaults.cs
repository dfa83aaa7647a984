using System.Collections.Concurrent;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Faults the emulator injects: error statuses, latency, lost create responses, broken and slow streams. Thread-safe.</summary>
public sealed class LettaEmulatorFaults
{
    private readonly ConcurrentDictionary<LettaEmulatorEndpoint, ConcurrentQueue<StatusFault>> _statuses = new();
    private readonly ConcurrentDictionary<LettaEmulatorEndpoint, TimeSpan> _latency = new();
    private readonly ConcurrentQueue<LostResponseKind> _lostCreates = new();
    private readonly ConcurrentQueue<LostResponseKind> _lostConversationCreates = new();
    private readonly ConcurrentQueue<int> _drops = new();
    private readonly ConcurrentQueue<int> _malformed = new();
    private long _trickleTicks;

    /// <summary>Gets or sets the delay between two frames of every stream (a slow trickle).</summary>
    /// <value>The default is zero.</value>
    public TimeSpan TrickleDelay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _trickleTicks));
        set => Interlocked.Exchange(ref _trickleTicks, value.Ticks);
    }

    /// <summary>Makes the next <paramref name="count"/> calls of <paramref name="endpoint"/> answer <paramref name="statusCode"/>.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="statusCode">The status, e.g. 503.</param>
    /// <param name="count">How many calls fail.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> to send, if any (whole seconds).</param>
    /// <param name="body">The JSON body; a Letta-shaped <c>{"detail": …}</c> when <see langword="null"/>.</param>
    public void FailNext(LettaEmulatorEndpoint endpoint, int statusCode, int count = 1, TimeSpan? retryAfter = null, string? body = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var queue = _statuses.GetOrAdd(endpoint, _ => new ConcurrentQueue<StatusFault>());
        for (var i = 0; i < count; i++)
        {
            queue.Enqueue(new StatusFault(statusCode, retryAfter, body));
        }
    }

    /// <summary>Delays every call of <paramref name="endpoint"/> by <paramref name="latency"/> before it is handled.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="latency">The delay; zero removes it.</param>
    public void SetLatency(LettaEmulatorEndpoint endpoint, TimeSpan latency) => _latency[endpoint] = latency;

    /// <summary>Makes the next <paramref name="count"/> create calls create the agent and then lose the response.</summary>
    /// <param name="kind">Whether the connection is reset or the response stalls.</param>
    /// <param name="count">How many create calls.</param>
    public void LoseNextCreateResponse(LostResponseKind kind = LostResponseKind.ResetConnection, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _lostCreates.Enqueue(kind);
        }
    }

    /// <summary>Creates the next conversations but loses their responses, as <see cref="LoseNextCreateResponse"/> does for agents.</summary>
    /// <param name="kind">How the response is lost.</param>
    /// <param name="count">How many creates lose their response.</param>
    public void LoseNextConversationCreateResponse(LostResponseKind kind = LostResponseKind.ResetConnection, int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            _lostConversationCreates.Enqueue(kind);
        }
    }

    /// <summary>Makes the next stream drop its connection after <paramref name="events"/> frames.</summary>
    /// <param name="events">How many frames are sent before the drop.</param>
    public void DropNextStreamAfter(int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        _drops.Enqueue(events);
    }

    /// <summary>Makes the next stream send a frame that is not JSON at zero-based position <paramref name="position"/>.</summary>
    /// <param name="position">The frame index the malformed frame takes.</param>
    public void MalformNextStreamAt(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        _malformed.Enqueue(position);
    }

    /// <summary>Removes every fault.</summary>
    public void Clear()
    {
        _statuses.Clear();
        _latency.Clear();
        _lostCreates.Clear();
        _lostConversationCreates.Clear();
        _drops.Clear();
        _malformed.Clear();
        TrickleDelay = TimeSpan.Zero;
    }

    internal bool TryTakeStatus(LettaEmulatorEndpoint endpoint, out StatusFault fault)
    {
        fault = default;
        return _statuses.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out fault);
    }

    internal TimeSpan LatencyOf(LettaEmulatorEndpoint endpoint) => _latency.TryGetValue(endpoint, out var latency) ? latency : TimeSpan.Zero;

    internal bool TryTakeLostCreate(out LostResponseKind kind) => _lostCreates.TryDequeue(out kind);

    internal bool TryTakeLostConversationCreate(out LostResponseKind kind) => _lostConversationCreates.TryDequeue(out kind);

    internal int? TakeDrop() => _drops.TryDequeue(out var events) ? events : null;

    internal int? TakeMalformed() => _malformed.TryDequeue(out var position) ? position : null;

    internal readonly record struct StatusFault(int StatusCode, TimeSpan? RetryAfter, string? Body);
}
