namespace Nosis.AgentRuntime.Contracts;

/// <summary>Finds turns whose reply was never stored: a conversation whose latest message is a user message.</summary>
/// <remarks>
/// Optional next to <see cref="IMessageStore"/>: with it the runtime recovers a turn whose process died mid-reply, from
/// Letta's history, at the conversation's next turn and from a periodic reconciler. "Latest" is the order
/// <see cref="IMessageHistory.ReadMessagesAsync"/> reads in. Members are called without a captured synchronization context.
/// </remarks>
public interface IUnansweredTurnStore
{
    /// <summary>Reads the conversation's unanswered user message: its latest message when that is a user message.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The user message, or <see langword="null"/> when the conversation has no messages or its latest is a reply.</returns>
    Task<UserMessage?> FindUnansweredTurnAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Lists unanswered user messages saved before <paramref name="savedBefore"/>, across conversations, oldest first.</summary>
    /// <param name="savedBefore">Only messages created before this instant (older turns have surely ended, or died).</param>
    /// <param name="limit">The most messages to return, at least 1.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>At most one message per conversation: its latest, when that is a user message older than <paramref name="savedBefore"/>.</returns>
    Task<IReadOnlyList<UserMessage>> ListUnansweredTurnsAsync(DateTimeOffset savedBefore, int limit, CancellationToken cancellationToken = default);
}
