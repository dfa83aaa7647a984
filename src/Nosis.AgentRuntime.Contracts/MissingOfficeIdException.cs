namespace Nosis.AgentRuntime.Contracts;

/// <summary>The exception thrown when a conversation has no office: every conversation must belong to one.</summary>
public sealed class MissingOfficeIdException : ArgumentException
{
    /// <summary>Initializes a new instance for a conversation without an office.</summary>
    /// <param name="conversationId">The conversation, when known.</param>
    public MissingOfficeIdException(string? conversationId)
        : base("The conversation has no office id. Every conversation belongs to an office: resolve or backfill its office before running it.", "officeId")
    {
        ConversationId = conversationId;
    }

    /// <summary>Gets the conversation that had no office, when known.</summary>
    public string? ConversationId { get; }
}
