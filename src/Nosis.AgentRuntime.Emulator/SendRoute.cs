namespace Nosis.AgentRuntime.Emulator;

/// <summary>How a send route behaves: whether it always streams or streams unless told not to, whether it is behind the SDK gate, and whether it locks.</summary>
/// <param name="ForceStreaming">The route always streams (<c>/messages/stream</c>).</param>
/// <param name="StreamingByDefault"><c>streaming</c> defaults to true (the conversation routes' <c>ConversationMessageRequest</c>).</param>
/// <param name="Gated"><c>streaming: true</c> needs an SDK v1 client (the agent <c>/messages</c> route).</param>
/// <param name="Locked">A send while another runs in the same target gets 409 <c>CONVERSATION_BUSY</c>.</param>
internal readonly record struct SendRoute(bool ForceStreaming, bool StreamingByDefault, bool Gated, bool Locked);
