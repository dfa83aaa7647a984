using System.Text.Json;

namespace Nosis.AgentRuntime.Letta;

/// <summary>A tool the client runs itself; the agent pauses with an approval request when it calls one.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="Description">What the tool does, for the model.</param>
/// <param name="Parameters">The JSON schema of the tool's arguments.</param>
public sealed record LettaClientTool(string Name, string? Description, JsonElement? Parameters);
