using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Opens the connection, then lets the cancellation throw before anything owns or closes it.</summary>
public sealed class LeakOnCancelToolLoader : BrokenToolLoader
{
    public override async Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        var connection = Open();
        await Task.Delay(1, cancellationToken); // listing the server's tools
        return CreateSet(ToolsFor(request), connection);
    }
}
