namespace Nosis.AgentRuntime.Streaming;

/// <summary>A piece of the assistant's answer text.</summary>
/// <param name="PartId">Which text part the piece belongs to; a new id starts a new part.</param>
/// <param name="Delta">The new text, to append to what the part holds.</param>
public sealed record TextDeltaEvent(string PartId, string Delta) : AgentChatEvent;
