namespace Nosis.AgentRuntime.Letta;

/// <summary>A message whose <c>message_type</c> the runtime does not know (e.g. <c>hidden_reasoning_message</c>); tolerated, never an error.</summary>
/// <param name="UnknownMessageType">The wire <c>message_type</c>, or an empty string when the frame had none.</param>
public sealed record LettaUnknownItem(string UnknownMessageType) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => UnknownMessageType;
}
