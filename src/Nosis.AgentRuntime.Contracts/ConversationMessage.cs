namespace Nosis.AgentRuntime.Contracts;

/// <summary>A message as a history store gives it back: the user message or the assistant reply it was saved as.</summary>
public sealed class ConversationMessage
{
    private ConversationMessage(UserMessage? user, AssistantMessage? assistant)
    {
        User = user;
        Assistant = assistant;
    }

    /// <summary>Gets the user message, when this is one.</summary>
    public UserMessage? User { get; }

    /// <summary>Gets the assistant reply, when this is one.</summary>
    public AssistantMessage? Assistant { get; }

    /// <summary>Gets the message's id.</summary>
    public string MessageId => User?.MessageId ?? Assistant!.MessageId;

    /// <summary>Wraps a user message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The conversation message.</returns>
    public static ConversationMessage FromUser(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ConversationMessage(message, null);
    }

    /// <summary>Wraps an assistant reply.</summary>
    /// <param name="message">The reply.</param>
    /// <returns>The conversation message.</returns>
    public static ConversationMessage FromAssistant(AssistantMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new ConversationMessage(null, message);
    }
}
