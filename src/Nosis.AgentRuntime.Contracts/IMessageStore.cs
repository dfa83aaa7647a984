namespace Nosis.AgentRuntime.Contracts;

/// <summary>Keeps the messages of conversations.</summary>
/// <remarks>
/// Saves must be idempotent by message id: the runtime may retry a save, and a retried save must not store a second copy.
/// Content is stored unchanged, whatever its size or script. Members are called without a captured synchronization context.
/// </remarks>
public interface IMessageStore
{
    /// <summary>Stores a user message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>A task that completes once the message is stored.</returns>
    Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default);

    /// <summary>Stores an assistant reply with its model, usage and how it ended.</summary>
    /// <param name="message">The reply.</param>
    /// <param name="cancellationToken">Cancels the save; the runtime passes a token tied to host shutdown, never to the client's request.</param>
    /// <returns>A task that completes once the reply is stored.</returns>
    Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default);
}
