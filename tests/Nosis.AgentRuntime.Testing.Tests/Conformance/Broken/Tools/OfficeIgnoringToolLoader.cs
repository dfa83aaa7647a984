using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>Ignores the request's office: one tool list (and one set of keys) for everybody.</summary>
public sealed class OfficeIgnoringToolLoader : BrokenToolLoader
{
    protected override IReadOnlyList<ToolDefinition> ToolsFor(ToolLoadRequest request) => [.. ToolsOfAnyOffice().Where(t => request.Scopes.Contains(t.Scope))];
}
