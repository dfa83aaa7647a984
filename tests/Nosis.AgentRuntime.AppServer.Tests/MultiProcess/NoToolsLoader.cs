using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>Loads no tools: the multi-process tests are about agents and turns, not tool calls.</summary>
internal sealed class NoToolsLoader : IToolLoader
{
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) => Task.FromResult(ToolSet.Empty);
}
