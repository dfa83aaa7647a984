using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Hands every tool of the office to every target, so a sandbox conversation gets local tools.</summary>
public sealed class ScopeIgnoringToolLoader : BrokenToolLoader
{
    protected override IReadOnlyList<ToolDefinition> ToolsFor(ToolLoadRequest request) => ToolsOfOffice(request.OfficeId);
}
