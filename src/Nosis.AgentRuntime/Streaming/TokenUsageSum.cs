using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Adds up the token usage of the steps of a turn.</summary>
internal static class TokenUsageSum
{
    /// <summary>Returns <paramref name="total"/> plus <paramref name="add"/>; an optional count stays <see langword="null"/> while neither side has it.</summary>
    public static TokenUsage Add(TokenUsage? total, TokenUsage add) => total is null
        ? add
        : new TokenUsage(total.InputTokens + add.InputTokens, total.OutputTokens + add.OutputTokens)
        {
            ReasoningTokens = Sum(total.ReasoningTokens, add.ReasoningTokens),
            CachedInputTokens = Sum(total.CachedInputTokens, add.CachedInputTokens),
            StepCount = total.StepCount is null && add.StepCount is null ? null : (total.StepCount ?? 0) + (add.StepCount ?? 0),
        };

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
