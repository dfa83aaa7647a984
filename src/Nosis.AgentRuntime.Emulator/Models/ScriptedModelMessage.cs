namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>One message of a chat completions request, as the scripted model server received it.</summary>
/// <param name="Role"><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</param>
/// <param name="Text">The text content: a string content as is, or the <c>text</c> parts of an array content joined by new lines.</param>
/// <param name="TextParts">The text parts, in order (one for a string content).</param>
/// <param name="ToolCallId">For a <c>tool</c> message, the call it answers.</param>
/// <param name="ToolCalls">For an <c>assistant</c> message, the tool calls it made.</param>
public sealed record ScriptedModelMessage(
    string Role,
    string Text,
    IReadOnlyList<string> TextParts,
    string? ToolCallId,
    IReadOnlyList<ScriptedToolCall> ToolCalls);
