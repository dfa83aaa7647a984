namespace Nosis.AgentRuntime.Letta;

/// <summary>The body of <c>POST /v1/conversations/?agent_id=…</c> (<c>CreateConversation</c>; the agent id travels in the query).</summary>
public sealed record LettaCreateConversationRequest
{
    /// <summary>Gets the conversation's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the conversation's summary.</summary>
    public string? Summary { get; init; }
}
