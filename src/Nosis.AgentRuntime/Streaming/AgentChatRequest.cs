using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>One user turn of a conversation.</summary>
/// <param name="Conversation">The conversation; its office is always set.</param>
/// <param name="UserText">What the user said.</param>
public sealed record AgentChatRequest(ConversationRuntime Conversation, string UserText)
{
    /// <summary>Gets the id to store the user message under; a new one is made when <see langword="null"/>.</summary>
    public string? UserMessageId { get; init; }

    /// <summary>Gets the id of the assistant reply, announced in the stream's start and used to store it; a new one is made when <see langword="null"/>.</summary>
    public string? AssistantMessageId { get; init; }

    /// <summary>Gets the parts the user message was sent with (a <c>UIMessage</c>'s text, files, data parts), stored with it; <see langword="null"/> for plain text.</summary>
    public IReadOnlyList<MessagePart>? UserParts { get; init; }
}
