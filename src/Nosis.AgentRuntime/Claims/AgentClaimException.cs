namespace Nosis.AgentRuntime.Claims;

/// <summary>The exception thrown when a conversation's agent can be neither claimed nor read back (the claim was lost, yet no winner is stored).</summary>
public sealed class AgentClaimException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AgentClaimException(string conversationId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ConversationId = conversationId;
    }

    /// <summary>Gets the conversation.</summary>
    public string ConversationId { get; }
}
