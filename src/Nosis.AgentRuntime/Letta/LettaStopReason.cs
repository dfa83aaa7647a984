namespace Nosis.AgentRuntime.Letta;

/// <summary>Why the agent stopped (<c>stop_reason</c>), e.g. <c>end_turn</c>, <c>requires_approval</c>, <c>error</c>.</summary>
/// <param name="StopReason">The stop reason; an open set.</param>
public sealed record LettaStopReason(string StopReason) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "stop_reason";
}
