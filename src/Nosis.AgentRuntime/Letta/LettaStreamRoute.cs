namespace Nosis.AgentRuntime.Letta;

/// <summary>Which route a streaming send to an agent takes.</summary>
public enum LettaStreamRoute
{
    /// <summary><c>POST /v1/agents/{id}/messages/stream</c>: deprecated in the 1.x official client and takes no conversation lock, but served without Letta's SDK-version gate.</summary>
    MessagesStream,

    /// <summary>
    /// <c>POST /v1/agents/{id}/messages</c> with <c>streaming: true</c>, the route the 1.x official client uses. A self-hosted Letta
    /// server answers 422 to it unless the caller looks like a 1.x Stainless SDK, which this client does not pretend to be.
    /// </summary>
    Messages,

    /// <summary>
    /// <c>POST /v1/conversations/default/messages</c> with <c>agent_id</c> in the body: the agent's own conversation, the route
    /// Letta's current client (letta-code) sends every turn through. It takes Letta's per-conversation lock, so a concurrent
    /// send is refused as busy rather than run twice, and asks for compaction messages.
    /// </summary>
    Conversations,
}
