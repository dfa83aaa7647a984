namespace Nosis.AgentRuntime.Emulator;

/// <summary>The two bodies Letta gives a 409 for a pending approval.</summary>
public enum LettaConflictShape
{
    /// <summary><c>{"detail": {"code": "PENDING_APPROVAL", "message": …, "pending_request_id": …}}</c>, from the stream wrapper and the send route (letta/server/rest_api/streaming_response.py, routers/v1/agents.py).</summary>
    DetailObject,

    /// <summary><c>{"detail": "CONFLICT: Cannot send a new message: The agent is waiting for approval …"}</c>, from the app's 409 handler (letta/server/rest_api/app.py).</summary>
    DetailString,
}
