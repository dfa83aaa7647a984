namespace Nosis.AgentRuntime.Letta;

/// <summary>The summary Letta wrote when it compacted the context window (<c>summary_message</c>, sent only with <c>include_compaction_messages</c>).</summary>
/// <param name="Summary">The summary text that replaced the compacted messages.</param>
/// <remarks>Shape as <c>SummaryMessage</c> in <c>@letta-ai/letta-client</c> 1.12.1 <c>resources/agents/messages.d.ts</c>.</remarks>
public sealed record LettaSummaryMessage(string Summary) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "summary_message";

    /// <summary>Gets the compaction's statistics (<c>compaction_stats</c>: trigger, message counts, tokens) as raw JSON, if sent.</summary>
    public string? CompactionStatsJson { get; init; }
}
