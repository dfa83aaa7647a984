namespace Nosis.AgentRuntime.Contracts;

/// <summary>Text the user wrote or the agent answered.</summary>
/// <param name="Text">The text, unchanged.</param>
public sealed record TextPart(string Text) : MessagePart;
