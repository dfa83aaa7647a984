namespace Nosis.AgentRuntime.Emulator;

/// <summary>The <c>usage_statistics</c> a scripted reply reports; the optional counts are sent as <see langword="null"/> when not set, as Letta does when a provider does not report them.</summary>
/// <param name="PromptTokens">The prompt tokens.</param>
/// <param name="CompletionTokens">The completion tokens.</param>
public sealed record LettaEmulatedUsage(long PromptTokens, long CompletionTokens)
{
    /// <summary>Gets the prompt tokens served from a cache.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets the prompt tokens written to a cache.</summary>
    public long? CacheWriteTokens { get; init; }

    /// <summary>Gets the reasoning tokens.</summary>
    public long? ReasoningTokens { get; init; }

    /// <summary>Gets the estimate of the tokens in the context window.</summary>
    public long? ContextTokens { get; init; }
}
