namespace Nosis.AgentRuntime.Letta;

/// <summary>A memory block to create with an agent (<c>CreateBlock</c>).</summary>
/// <param name="Label">The block label, e.g. <c>human</c> or <c>persona</c>.</param>
/// <param name="Value">The block's initial text.</param>
/// <param name="Limit">The character limit; always sent, because the server default has changed between versions.</param>
public sealed record LettaMemoryBlock(string Label, string Value, int Limit = LettaMemoryBlock.DefaultLimit)
{
    /// <summary>The character limit used when none is given.</summary>
    public const int DefaultLimit = 20_000;

    /// <summary>Gets the block's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets whether the agent may not edit the block.</summary>
    public bool? ReadOnly { get; init; }
}
