namespace Nosis.AgentRuntime.Contracts;

/// <summary>A call of a tool by the agent.</summary>
/// <param name="ToolCallId">Letta's id of the call; the result is sent back under it.</param>
/// <param name="Name">The tool's name.</param>
/// <param name="ArgumentsJson">The arguments as the JSON text the model produced; it may be malformed.</param>
public sealed record ToolCall(string ToolCallId, string Name, string ArgumentsJson);
