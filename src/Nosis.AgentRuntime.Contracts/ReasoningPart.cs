namespace Nosis.AgentRuntime.Contracts;

/// <summary>The agent's reasoning, as Letta streamed it.</summary>
/// <param name="Text">The reasoning text.</param>
public sealed record ReasoningPart(string Text) : MessagePart;
