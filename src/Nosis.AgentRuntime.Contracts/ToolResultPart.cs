namespace Nosis.AgentRuntime.Contracts;

/// <summary>The result of a tool call: its output, or the error it failed with.</summary>
/// <param name="ToolCallId">The id of the <see cref="ToolCallPart"/> it answers.</param>
/// <param name="Output">The output, or the error text when <paramref name="IsError"/> is set; <see langword="null"/> when the tool returned nothing.</param>
/// <param name="IsError">Whether the tool failed.</param>
public sealed record ToolResultPart(string ToolCallId, string? Output, bool IsError) : MessagePart;
