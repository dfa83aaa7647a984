namespace Nosis.AgentRuntime.Streaming;

/// <summary>The agent called a tool; its input is complete.</summary>
/// <param name="ToolCallId">The id of the call; its result names it again.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="ArgumentsJson">The arguments as the JSON text the model produced; it may be empty or malformed.</param>
public sealed record ToolCallEvent(string ToolCallId, string ToolName, string ArgumentsJson) : AgentChatEvent;
