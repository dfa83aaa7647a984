using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong loader: it hands every tool to every target, so a sandbox conversation gets local tools.</summary>
internal sealed class ScopeIgnoringToolLoader(IReadOnlyList<ToolDefinition> tools) : IToolLoader
{
    private int _releases;

    public int ReleaseCount => Volatile.Read(ref _releases);

    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<ToolSet>(new AllTools(this, tools));

    private sealed class AllTools(ScopeIgnoringToolLoader loader, IReadOnlyList<ToolDefinition> tools) : ToolSet
    {
        public override IReadOnlyList<ToolDefinition> Tools => tools;

        public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default) => Task.FromResult(ToolResult.Success("ok"));

        protected override ValueTask ReleaseAsync()
        {
            Interlocked.Increment(ref loader._releases);
            return ValueTask.CompletedTask;
        }
    }
}
