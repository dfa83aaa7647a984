using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>The tool set an <see cref="InMemoryToolLoader"/> hands out: it runs the defined handlers and records its release.</summary>
internal sealed class InMemoryToolSet : ToolSet
{
    private readonly InMemoryToolLoader _loader;
    private readonly Dictionary<string, Func<ToolCall, CancellationToken, Task<ToolResult>>> _handlers;
    private int _releaseCalls;

    public InMemoryToolSet(
        InMemoryToolLoader loader,
        IReadOnlyList<ToolDefinition> tools,
        Dictionary<string, Func<ToolCall, CancellationToken, Task<ToolResult>>> handlers)
    {
        _loader = loader;
        Tools = tools;
        _handlers = handlers;
    }

    public override IReadOnlyList<ToolDefinition> Tools { get; }

    public int ReleaseCalls => Volatile.Read(ref _releaseCalls);

    public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        ObjectDisposedException.ThrowIf(IsReleased, this);
        _loader.RecordCall(call);
        return _handlers.TryGetValue(call.Name, out var handler)
            ? handler(call, cancellationToken)
            : Task.FromResult(ToolResult.Error($"No tool named '{call.Name}' is loaded."));
    }

    protected override ValueTask ReleaseAsync()
    {
        Interlocked.Increment(ref _releaseCalls);
        _loader.RecordRelease();
        return ValueTask.CompletedTask;
    }
}
