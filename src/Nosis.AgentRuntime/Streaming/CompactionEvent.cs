namespace Nosis.AgentRuntime.Streaming;

/// <summary>Letta compacted the agent's context window: older messages were replaced by <paramref name="Summary"/>.</summary>
/// <param name="Summary">The summary Letta wrote (<c>summary_message</c>).</param>
/// <remarks>A UI shows it as a <c>data-compaction</c> part; the stored reply keeps the same part.</remarks>
public sealed record CompactionEvent(string Summary) : AgentChatEvent
{
    /// <summary>Gets what triggered the compaction (e.g. <c>context_window_exceeded</c>), when Letta said.</summary>
    public string? Trigger { get; init; }
}
