namespace Nosis.AgentRuntime.Streaming;

/// <summary>A tool call returned.</summary>
/// <param name="ToolCallId">The id of the call, as its <see cref="ToolCallEvent"/> gave it.</param>
/// <param name="Output">The output text, or the error text when <paramref name="IsError"/> is set; it must hold no secret.</param>
/// <param name="IsError">Whether the call failed.</param>
public sealed record ToolResultEvent(string ToolCallId, string? Output, bool IsError = false) : AgentChatEvent;
