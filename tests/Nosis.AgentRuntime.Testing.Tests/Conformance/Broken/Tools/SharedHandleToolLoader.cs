using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Opens one tool set and hands the same handle to every load.</summary>
public sealed class SharedHandleToolLoader : BrokenToolLoader
{
    private readonly Lock _gate = new();
    private ToolSet? _shared;

    public override Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_shared ??= CreateSet(ToolsFor(request), Open()));
        }
    }
}
