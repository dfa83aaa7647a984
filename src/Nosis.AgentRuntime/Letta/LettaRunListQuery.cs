namespace Nosis.AgentRuntime.Letta;

/// <summary>Which runs one page of <c>GET /v1/runs/</c> returns, with the filters of Letta's <c>list_runs</c> (letta/server/rest_api/routers/v1/runs.py).</summary>
/// <remarks>The next page repeats the query with <see cref="After"/> set to the id of the last run returned; an empty page ends the listing.</remarks>
public sealed record LettaRunListQuery
{
    /// <summary>Gets the agent whose runs to list (<c>agent_id</c>).</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the statuses to keep (<c>statuses</c>, repeated); every status when empty.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Gets whether to keep only runs created in background mode (<see langword="true"/>) or only the others; both when <see langword="null"/>.</summary>
    public bool? Background { get; init; }

    /// <summary>Gets whether to keep only active runs (<c>active=true</c>: created or running) when <see cref="Statuses"/> is empty.</summary>
    public bool Active { get; init; }

    /// <summary>Gets the stop reason to keep (<c>stop_reason</c>).</summary>
    public string? StopReason { get; init; }

    /// <summary>Gets the Letta conversation whose runs to list (<c>conversation_id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100, as on the server.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets the cursor: the id of the last run of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>Gets whether to list oldest first (<see langword="true"/>, <c>order=asc</c>) or newest first (the server's default).</summary>
    public bool OldestFirst { get; init; }
}
