namespace Nosis.AgentRuntime.Letta;

/// <summary>Which agents one page of <c>GET /v1/agents/</c> returns.</summary>
/// <remarks>The next page repeats the query with <see cref="After"/> set to the id of the last agent returned; an empty page ends the listing.</remarks>
public sealed record LettaAgentListQuery
{
    /// <summary>Gets the tags to filter by.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets whether an agent must carry every tag (<see langword="true"/>) or any of them (<see langword="false"/>).</summary>
    /// <value>The default is <see langword="false"/>, as on the server.</value>
    public bool MatchAllTags { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 50, as on the server.</value>
    public int Limit { get; init; } = 50;

    /// <summary>Gets the cursor: the id of the last agent of the previous page.</summary>
    public string? After { get; init; }

    /// <summary>Gets whether to list oldest first (<see langword="true"/>, <c>order=asc</c>) or newest first.</summary>
    public bool OldestFirst { get; init; }
}
