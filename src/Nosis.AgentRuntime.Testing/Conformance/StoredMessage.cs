using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>A message as a store gives it back: the user message or the assistant reply it was saved as.</summary>
/// <remarks>
/// The message store fixture reads a conversation back through this shape; an adapter author rebuilds the contract record
/// from their storage (a row, a file) and wraps it with <see cref="FromUser"/> or <see cref="FromAssistant"/>.
/// </remarks>
public sealed class StoredMessage
{
    private StoredMessage(UserMessage? user, AssistantMessage? assistant)
    {
        User = user;
        Assistant = assistant;
    }

    /// <summary>Gets the user message, when this is one.</summary>
    public UserMessage? User { get; }

    /// <summary>Gets the assistant reply, when this is one.</summary>
    public AssistantMessage? Assistant { get; }

    /// <summary>Gets a value indicating whether this is an assistant reply.</summary>
    public bool IsAssistant => Assistant is not null;

    /// <summary>Gets the message's id.</summary>
    public string MessageId => User?.MessageId ?? Assistant!.MessageId;

    /// <summary>Gets the message's conversation.</summary>
    public string ConversationId => User?.ConversationId ?? Assistant!.ConversationId;

    /// <summary>Gets the message's text: the user's content or the reply's text.</summary>
    public string Content => User?.Content ?? Assistant!.Text;

    /// <summary>Wraps a user message read back from a store.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The stored message.</returns>
    public static StoredMessage FromUser(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new StoredMessage(message, null);
    }

    /// <summary>Wraps an assistant reply read back from a store.</summary>
    /// <param name="message">The reply.</param>
    /// <returns>The stored message.</returns>
    public static StoredMessage FromAssistant(AssistantMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new StoredMessage(null, message);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{(IsAssistant ? "assistant" : "user")} {MessageId} ({Content.Length} chars)";
}
