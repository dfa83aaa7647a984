namespace Nosis.AgentRuntime.Streaming;

/// <summary>A piece of the agent's visible reasoning.</summary>
/// <param name="PartId">Which reasoning part the piece belongs to; a new id starts a new part.</param>
/// <param name="Delta">The new text, to append to what the part holds.</param>
public sealed record ReasoningDeltaEvent(string PartId, string Delta) : AgentChatEvent;
