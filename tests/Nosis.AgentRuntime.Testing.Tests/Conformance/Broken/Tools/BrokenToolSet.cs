using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>A correct tool set: its release closes its connection.</summary>
public class BrokenToolSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) : ToolSet
{
    public override IReadOnlyList<ToolDefinition> Tools => tools;

    protected ToolConnection Connection => connection;

    public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default) => Task.FromResult(ToolResult.Success("ok"));

    protected override ValueTask ReleaseAsync()
    {
        connection.Close();
        return ValueTask.CompletedTask;
    }
}
