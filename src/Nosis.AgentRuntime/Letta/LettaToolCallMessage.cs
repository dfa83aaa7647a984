namespace Nosis.AgentRuntime.Letta;

/// <summary>A server-side tool call (<c>tool_call_message</c>).</summary>
/// <param name="ToolCalls">The calls (or fragments) from <c>tool_calls</c>, or from the deprecated <c>tool_call</c>.</param>
public sealed record LettaToolCallMessage(IReadOnlyList<LettaToolCall> ToolCalls) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "tool_call_message";
}
