namespace Nosis.AgentRuntime.Letta;

/// <summary>Which route a streaming send takes.</summary>
public enum LettaStreamRoute
{
    /// <summary><c>POST /v1/agents/{id}/messages/stream</c>: deprecated in the 1.x official client, but served without Letta's SDK-version gate.</summary>
    MessagesStream,

    /// <summary>
    /// <c>POST /v1/agents/{id}/messages</c> with <c>streaming: true</c>, the route the 1.x official client uses. A self-hosted Letta
    /// server answers 422 to it unless the caller looks like a 1.x Stainless SDK, which this client does not pretend to be.
    /// </summary>
    Messages,
}
