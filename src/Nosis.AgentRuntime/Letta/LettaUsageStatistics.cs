namespace Nosis.AgentRuntime.Letta;

/// <summary>Token usage of the run (<c>usage_statistics</c>).</summary>
public sealed record LettaUsageStatistics : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "usage_statistics";

    /// <summary>Gets the prompt tokens.</summary>
    public long PromptTokens { get; init; }

    /// <summary>Gets the completion tokens.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Gets the total tokens.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Gets the number of agent steps.</summary>
    public int StepCount { get; init; }

    /// <summary>Gets the prompt tokens served from a cache, when reported.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets the reasoning tokens, when reported.</summary>
    public long? ReasoningTokens { get; init; }

    /// <summary>Gets the prompt tokens written to a cache, when reported.</summary>
    public long? CacheWriteTokens { get; init; }

    /// <summary>Gets Letta's estimate of the tokens in the context window, when reported.</summary>
    public long? ContextTokens { get; init; }

    /// <summary>Gets the runs the usage covers, when reported.</summary>
    public IReadOnlyList<string> RunIds { get; init => field = value ?? []; } = [];
}
