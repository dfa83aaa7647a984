namespace Nosis.AgentRuntime.Contracts;

/// <summary>One part of a stored message, in the order the message holds them: text, reasoning, a tool call, a tool result, or a part kept as it was sent.</summary>
/// <remarks>The set of kinds is closed: <see cref="TextPart"/>, <see cref="ReasoningPart"/>, <see cref="ToolCallPart"/>, <see cref="ToolResultPart"/> and <see cref="OpaquePart"/>.</remarks>
public abstract record MessagePart
{
    private protected MessagePart()
    {
    }
}
