namespace Nosis.AgentRuntime.Testing;

/// <summary>A clock that moves only when a test moves it, so that expiry (leases, timeouts) is tested without waiting.</summary>
/// <remarks>
/// Hand it to the code under test as its <see cref="TimeProvider"/>, then call <see cref="Advance"/>. It starts at
/// 2026-01-01T00:00:00Z unless given another start. Reading and moving it are thread-safe. It keeps no timers: code that
/// needs <see cref="TimeProvider.CreateTimer"/> should use <c>Microsoft.Extensions.Time.Testing.FakeTimeProvider</c>.
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    private long _utcTicks;

    /// <summary>Initializes a new clock at 2026-01-01T00:00:00Z.</summary>
    public ManualTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Initializes a new clock at a given time.</summary>
    /// <param name="start">The time the clock starts at.</param>
    public ManualTimeProvider(DateTimeOffset start)
    {
        _utcTicks = start.UtcTicks;
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves the clock forward.</summary>
    /// <param name="by">How far; never negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _utcTicks, by.Ticks);
    }
}
