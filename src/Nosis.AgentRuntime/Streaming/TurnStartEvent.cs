namespace Nosis.AgentRuntime.Streaming;

/// <summary>The turn started; the first event of every reply.</summary>
/// <param name="MessageId">The id of the assistant message; the UI stream announces it and the store saves the reply under it.</param>
public sealed record TurnStartEvent(string MessageId) : AgentChatEvent;
