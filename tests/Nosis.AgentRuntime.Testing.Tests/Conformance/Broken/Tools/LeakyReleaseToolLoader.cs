using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Its sets' release marks them released but never closes the connection.</summary>
public sealed class LeakyReleaseToolLoader : BrokenToolLoader
{
    protected override ToolSet CreateSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) => new LeakySet(tools, connection);

    private sealed class LeakySet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) : BrokenToolSet(tools, connection)
    {
        protected override ValueTask ReleaseAsync()
        {
            Connection.CountReleaseOnly();
            return ValueTask.CompletedTask;
        }
    }
}
