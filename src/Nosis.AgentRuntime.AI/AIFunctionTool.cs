using Microsoft.Extensions.AI;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AI;

/// <summary>An <see cref="AIFunction"/> offered to the agent as a tool of a scope, under its own name or another.</summary>
/// <param name="Function">The function that answers the tool's calls.</param>
/// <param name="Scope">Where the tool may be loaded.</param>
/// <param name="Name">The name the agent sees; <see langword="null"/> for the function's own name.</param>
public sealed record AIFunctionTool(AIFunction Function, ToolScope Scope = ToolScope.Global, string? Name = null)
{
    /// <summary>Gets the name the agent sees and calls the tool by.</summary>
    public string ToolName => Name ?? Function.Name;
}
