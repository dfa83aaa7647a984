namespace Nosis.AgentRuntime.Letta;

/// <summary>An event of the agent loop (<c>event_message</c>), such as a compaction of the context window (<c>event_type: "compaction"</c>).</summary>
/// <param name="EventType">The event's type, e.g. <c>compaction</c>.</param>
/// <remarks>Shape as <c>EventMessage</c> in <c>@letta-ai/letta-client</c> 1.12.1 <c>resources/agents/messages.d.ts</c>.</remarks>
public sealed record LettaEventMessage(string EventType) : LettaStreamItem
{
    /// <summary>The <see cref="EventType"/> of a compaction of the context window.</summary>
    public const string CompactionEventType = "compaction";

    /// <inheritdoc/>
    public override string MessageType => "event_message";

    /// <summary>Gets the event's data (<c>event_data</c>, e.g. <c>{"trigger": …}</c>) as raw JSON, if sent.</summary>
    public string? EventDataJson { get; init; }
}
