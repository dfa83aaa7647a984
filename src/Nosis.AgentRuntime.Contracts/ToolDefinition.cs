using System.Text.Json;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts;

/// <summary>A tool the agent may call, offered to Letta as a client-side tool.</summary>
/// <param name="Name">The tool's name, unique within a tool set.</param>
/// <param name="Description">What the tool does, in words the model reads.</param>
/// <param name="Parameters">The JSON Schema of the tool's arguments (an object schema).</param>
/// <param name="Scope">Where the tool may be loaded.</param>
public sealed record ToolDefinition(string Name, string Description, JsonElement Parameters, ToolScope Scope = ToolScope.Global);
