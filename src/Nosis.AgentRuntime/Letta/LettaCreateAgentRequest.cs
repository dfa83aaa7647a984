namespace Nosis.AgentRuntime.Letta;

/// <summary>The body of <c>POST /v1/agents/</c>; every field is optional and left out when <see langword="null"/>.</summary>
public sealed record LettaCreateAgentRequest
{
    /// <summary>Gets the agent name: letters, digits, space, <c>-</c>, <c>_</c> and <c>'</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the model handle, <c>provider/model-name</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the embedding handle, <c>provider/model-name</c>.</summary>
    public string? Embedding { get; init; }

    /// <summary>Gets the memory blocks to create with the agent.</summary>
    public IReadOnlyList<LettaMemoryBlock>? MemoryBlocks { get; init; }

    /// <summary>Gets the agent's tags.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Gets the agent's metadata.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the system prompt.</summary>
    public string? System { get; init; }

    /// <summary>Gets the agent's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the context window limit in tokens.</summary>
    public int? ContextWindowLimit { get; init; }

    /// <summary>Gets whether Letta's base tools are attached; the server default is <see langword="true"/>.</summary>
    public bool? IncludeBaseTools { get; init; }
}
