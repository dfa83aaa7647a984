namespace Nosis.AgentRuntime.Contracts;

/// <summary>A user's message in a conversation, as the runtime asks a store to keep it.</summary>
/// <param name="MessageId">A unique id; saving the same id twice must keep one message.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="UserId">The author.</param>
/// <param name="Content">The text, stored unchanged.</param>
/// <param name="CreatedAt">When the runtime received it.</param>
public sealed record UserMessage(string MessageId, string ConversationId, string UserId, string Content, DateTimeOffset CreatedAt)
{
    /// <summary>Gets the parts the message was sent with, in order; <see langword="null"/> when it was sent as plain text (one text part of <see cref="Content"/>).</summary>
    public IReadOnlyList<MessagePart>? Parts { get; init; }
}
