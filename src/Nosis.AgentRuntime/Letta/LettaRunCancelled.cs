namespace Nosis.AgentRuntime.Letta;

/// <summary>The run was cancelled (<c>event: cancelled</c>); the stream ends here, possibly without a <c>stop_reason</c>.</summary>
/// <param name="Message">The server's message, e.g. <c>Run was cancelled</c>.</param>
public sealed record LettaRunCancelled(string Message) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "cancelled";
}
