namespace Nosis.AgentRuntime.Letta;

/// <summary>The query of <c>GET /v1/conversations/</c>: one agent's conversations, a page at a time.</summary>
public sealed record LettaConversationListQuery
{
    /// <summary>Initializes a query for one agent's conversations.</summary>
    /// <param name="agentId">The agent.</param>
    public LettaConversationListQuery(string agentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        AgentId = agentId;
    }

    /// <summary>Gets the agent whose conversations are listed.</summary>
    public string AgentId { get; }

    /// <summary>Gets the most conversations in one page.</summary>
    /// <value>The default is 50, Letta's own.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the cursor: the id of the last conversation of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>Gets a value indicating whether the oldest conversations come first.</summary>
    /// <value>The default is <see langword="false"/>: newest first, as Letta does.</value>
    public bool OldestFirst { get; init; }
}
