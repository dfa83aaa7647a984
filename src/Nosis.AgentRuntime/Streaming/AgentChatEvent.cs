namespace Nosis.AgentRuntime.Streaming;

/// <summary>One event of an agent's reply to a user turn, as the streaming service yields it to the host.</summary>
/// <remarks>
/// The set of events is closed: the derived records in this namespace are all there is. <see cref="RunId"/> and
/// <see cref="SeqId"/> carry Letta's run and sequence ids where the frame behind the event had them, so a later resume
/// can continue after the last event a consumer saw.
/// </remarks>
public abstract record AgentChatEvent
{
    private protected AgentChatEvent()
    {
    }

    /// <summary>Gets the Letta run this event belongs to, when known.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets Letta's sequence number of the frame behind this event; set only for background runs.</summary>
    public long? SeqId { get; init; }
}
