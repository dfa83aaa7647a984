namespace Nosis.AgentRuntime.Letta;

/// <summary>A keepalive (<c>ping</c>); the first one of a stream carries the run id.</summary>
public sealed record LettaPing : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "ping";
}
