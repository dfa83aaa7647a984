namespace Nosis.AgentRuntime;

/// <summary>The exception thrown when a conversation's agent is busy with another turn: a turn waited past its timeout, another process holds the turn lease, or Letta answered 409.</summary>
/// <remarks>Hosts map it to a "try again" response (HTTP 409 or 429). The runtime never retries a send blindly.</remarks>
public sealed class AgentBusyException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="conversationId">The conversation whose turn could not start.</param>
    /// <param name="message">Why, in words a host may show.</param>
    /// <param name="innerException">The Letta error behind it, if any.</param>
    public AgentBusyException(string conversationId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ConversationId = conversationId;
    }

    /// <summary>Gets the conversation whose turn could not start.</summary>
    public string ConversationId { get; }
}
