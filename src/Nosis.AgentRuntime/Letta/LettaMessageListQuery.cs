namespace Nosis.AgentRuntime.Letta;

/// <summary>Which messages one page of <c>GET /v1/agents/{agent_id}/messages</c> returns.</summary>
/// <remarks>
/// The cursors are Letta message ids (<c>message-…</c>): <see cref="Before"/> and <see cref="After"/> return the messages
/// before or after that message in the chosen order, as in <c>list_messages</c> (letta/server/rest_api/routers/v1/agents.py).
/// </remarks>
public sealed record LettaMessageListQuery
{
    /// <summary>Gets the cursor the page ends before, if any.</summary>
    public string? Before { get; init; }

    /// <summary>Gets the cursor the page starts after, if any.</summary>
    public string? After { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100, as on the server.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets whether to list oldest first (<see langword="true"/>, <c>order=asc</c>) or newest first.</summary>
    /// <value>The default is <see langword="false"/> (<c>order=desc</c>), as on the server.</value>
    public bool OldestFirst { get; init; }

    /// <summary>Gets the Letta conversation whose messages to list (<c>conversation_id</c>), so an agent's conversations are not mixed; all of them when <see langword="null"/>.</summary>
    public string? ConversationId { get; init; }
}
