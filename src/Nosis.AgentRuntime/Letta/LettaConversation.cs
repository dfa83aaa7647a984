namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta conversation: a thread inside an agent with its own context window, sharing the agent's memory blocks.</summary>
/// <remarks>The fields of <c>Conversation</c> in <c>@letta-ai/letta-client</c> 1.12.1 (<c>resources/conversations/conversations.d.ts</c>) that the runtime reads.</remarks>
public sealed record LettaConversation
{
    /// <summary>Gets the conversation's id (<c>conv-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the agent the conversation belongs to.</summary>
    public required string AgentId { get; init; }

    /// <summary>Gets the conversation's description; the runtime writes its markers here (Letta conversations have no tags or metadata).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the conversation's summary, if any.</summary>
    public string? Summary { get; init; }

    /// <summary>Gets when the conversation was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the conversation last received a message.</summary>
    public DateTimeOffset? LastMessageAt { get; init; }
}
