using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>Loads no tools: the race is about agents and turns, not tool calls.</summary>
internal sealed class NoToolsLoader : IToolLoader
{
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) => Task.FromResult(ToolSet.Empty);
}
