namespace Nosis.AgentRuntime.Letta;

/// <summary>Reasoning text (<c>reasoning_message</c>): a delta when tokens stream, the whole text otherwise.</summary>
/// <param name="Reasoning">The reasoning text.</param>
public sealed record LettaReasoningMessage(string Reasoning) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "reasoning_message";
}
