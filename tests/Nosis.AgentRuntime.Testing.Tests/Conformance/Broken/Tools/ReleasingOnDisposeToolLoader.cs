using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Keeps every connection it opened and closes them all again when the loader itself is disposed.</summary>
public sealed class ReleasingOnDisposeToolLoader : BrokenToolLoader, IAsyncDisposable
{
    private readonly ConcurrentBag<ToolConnection> _connections = [];

    public ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            connection.Close();
        }

        return ValueTask.CompletedTask;
    }

    protected override ToolSet CreateSet(IReadOnlyList<ToolDefinition> tools, ToolConnection connection)
    {
        _connections.Add(connection);
        return base.CreateSet(tools, connection);
    }
}
