using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Its sets re-implement <see cref="IAsyncDisposable"/> to close the connection, bypassing the base class's exactly-once guard.</summary>
public sealed class ReimplementedDisposeToolLoader : BrokenToolLoader
{
    protected override ToolSet CreateSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) => new ClosingSet(tools, connection);

    private sealed class ClosingSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection) : BrokenToolSet(tools, connection), IAsyncDisposable
    {
        ValueTask IAsyncDisposable.DisposeAsync()
        {
            Connection.CountReleaseOnly();
            return DisposeAsync();
        }
    }
}
