using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>One queued <see cref="BackgroundWork"/> and its state, so that it ends exactly once: completed or abandoned at shutdown.</summary>
internal sealed class ScheduledWork
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Completed = 2;
    private const int Abandoned = 3;

    private int _state;

    /// <summary>Initializes a queued item.</summary>
    public ScheduledWork(BackgroundWork work)
    {
        Work = work;
    }

    /// <summary>Gets the work to run.</summary>
    public BackgroundWork Work { get; }

    /// <summary>Moves a queued item to running; <see langword="false"/> when it was already abandoned.</summary>
    public bool TryStart() => Interlocked.CompareExchange(ref _state, Running, Queued) == Queued;

    /// <summary>Marks a running item completed; <see langword="false"/> when shutdown abandoned it first.</summary>
    public bool TryComplete() => Interlocked.CompareExchange(ref _state, Completed, Running) == Running;

    /// <summary>Marks a queued or running item abandoned and returns the state it had; <see langword="null"/> when it already ended.</summary>
    public string? TryAbandon()
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if (state is Completed or Abandoned)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _state, Abandoned, state) == state)
            {
                return state == Queued ? "queued" : "running";
            }
        }
    }
}
