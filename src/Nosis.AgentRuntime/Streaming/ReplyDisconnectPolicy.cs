namespace Nosis.AgentRuntime.Streaming;

/// <summary>What a client that goes away mid-reply means: disconnecting is not stopping, unless the host says so.</summary>
public enum ReplyDisconnectPolicy
{
    /// <summary>The reply ends: the Letta request (and, in background mode, the Letta run) is cancelled and the partial reply stored as aborted.</summary>
    Abort = 0,

    /// <summary>
    /// The runtime keeps reading the reply to its end and stores it whole, bounded by host shutdown; the tools stay loaded until
    /// then and are released exactly once. With background runs, another client can resume the reply meanwhile.
    /// </summary>
    ContinueInBackground = 1,
}
