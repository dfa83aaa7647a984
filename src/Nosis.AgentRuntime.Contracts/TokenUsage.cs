namespace Nosis.AgentRuntime.Contracts;

/// <summary>Tokens a reply used, as Letta reports them.</summary>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    /// <summary>Gets the total of input and output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Gets the reasoning tokens, when reported.</summary>
    public long? ReasoningTokens { get; init; }

    /// <summary>Gets the input tokens served from a cache, when reported.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets how many agent steps the reply took, when reported.</summary>
    public int? StepCount { get; init; }

    /// <summary>Gets the input tokens written to a cache, when reported.</summary>
    public long? CacheWriteTokens { get; init; }

    /// <summary>Gets Letta's estimate of the tokens in the agent's context window at the end of the reply, when reported.</summary>
    public long? ContextTokens { get; init; }
}
