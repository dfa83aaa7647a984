using System.Text.Json;

namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta agent as the server returns it (<c>AgentState</c>); fields the runtime does not use are ignored.</summary>
public sealed record LettaAgent
{
    /// <summary>Gets the agent id, <c>agent-&lt;uuid&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the agent's name; names are not unique.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the agent type, e.g. <c>letta_v1_agent</c>.</summary>
    public string? AgentType { get; init; }

    /// <summary>Gets the model handle, when the server reports one.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the agent's tags; empty unless the request asked for <c>agent.tags</c>.</summary>
    public IReadOnlyList<string> Tags { get; init => field = value ?? []; } = [];

    /// <summary>Gets the agent's memory blocks; empty unless the request asked for <c>agent.blocks</c>.</summary>
    public IReadOnlyList<LettaBlock> Blocks { get; init => field = value ?? []; } = [];

    /// <summary>Gets the agent's metadata object, if any.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>Gets when the agent was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the agent was last updated.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
