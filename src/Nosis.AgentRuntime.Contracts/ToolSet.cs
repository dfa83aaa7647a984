namespace Nosis.AgentRuntime.Contracts;

/// <summary>The tools loaded for one reply; a handle that releases them exactly once when disposed.</summary>
/// <remarks>
/// The runtime disposes a tool set once the reply ends, whichever way it ends. <see cref="DisposeAsync"/> calls
/// <see cref="ReleaseAsync"/> exactly once, however often and from however many threads it is called; if the release
/// throws, the first dispose rethrows and later ones do nothing.
/// </remarks>
public abstract class ToolSet : IAsyncDisposable
{
    private int _released;

    /// <summary>Gets an empty tool set that holds nothing.</summary>
    public static ToolSet Empty => new EmptyToolSet();

    /// <summary>Gets the tools in the set.</summary>
    public abstract IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>Gets a value indicating whether the set has been released.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Runs a tool call.</summary>
    /// <param name="call">The call; its name is one of <see cref="Tools"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result; a thrown exception is turned into an error result by the runtime.</returns>
    public abstract Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default);

    /// <summary>Releases the tools once.</summary>
    /// <returns>A task that completes once the tools are released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        GC.SuppressFinalize(this);
        await ReleaseAsync().ConfigureAwait(false);
    }

    /// <summary>Releases what the set holds (connections, processes); called exactly once.</summary>
    /// <returns>A task that completes once released.</returns>
    protected virtual ValueTask ReleaseAsync() => ValueTask.CompletedTask;

    private sealed class EmptyToolSet : ToolSet
    {
        public override IReadOnlyList<ToolDefinition> Tools => [];

        public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(call);
            return Task.FromResult(ToolResult.Error($"No tool named '{call.Name}' is loaded."));
        }
    }
}
