namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>A point in a scripted reply where the stream waits until the test calls <see cref="Release"/>.</summary>
/// <remarks>Thread-safe. A hold is passed once: a reply replayed after <see cref="Release"/> passes straight through.</remarks>
public sealed class ScriptedHold
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets a task that completes when a reply reaches the hold (everything before it has been sent and flushed).</summary>
    public Task Reached => _reached.Task;

    /// <summary>Lets the waiting reply go on.</summary>
    public void Release() => _released.TrySetResult();

    internal Task PassAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        return _released.Task.WaitAsync(cancellationToken);
    }
}
