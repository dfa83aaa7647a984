namespace Nosis.AgentRuntime.Letta;

/// <summary>A memory block of an agent as the server returns it.</summary>
public sealed record LettaBlock
{
    /// <summary>Gets the block id.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the block label, e.g. <c>human</c> or <c>persona</c>.</summary>
    public required string Label { get; init; }

    /// <summary>Gets the block's text.</summary>
    public string Value { get; init; } = string.Empty;

    /// <summary>Gets the block's character limit.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets the block's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets whether the agent may not edit the block.</summary>
    public bool? ReadOnly { get; init; }
}
