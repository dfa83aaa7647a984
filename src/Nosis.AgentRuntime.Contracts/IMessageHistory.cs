namespace Nosis.AgentRuntime.Contracts;

/// <summary>Reads a conversation's stored messages back, with their parts, and removes a reply that is being regenerated.</summary>
/// <remarks>Optional next to <see cref="IMessageStore"/>: a host needs it for a history endpoint and for <c>regenerate-message</c>.</remarks>
public interface IMessageHistory
{
    /// <summary>Reads the messages of a conversation, oldest first (ties keep the order they were saved in).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="limit">The most messages to return, counted from the oldest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The messages; a message stored without parts has one text part with its whole text.</returns>
    Task<IReadOnlyList<ConversationMessage>> ReadMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Removes one assistant reply of a conversation; user messages are never removed.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="messageId">The reply's id.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns><see langword="true"/> when a reply with that id was removed.</returns>
    Task<bool> DeleteAssistantMessageAsync(string conversationId, string messageId, CancellationToken cancellationToken = default);
}
