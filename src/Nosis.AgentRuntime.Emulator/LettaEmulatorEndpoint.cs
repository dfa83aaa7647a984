namespace Nosis.AgentRuntime.Emulator;

/// <summary>The endpoints of the emulator that faults can target.</summary>
public enum LettaEmulatorEndpoint
{
    /// <summary><c>POST /v1/agents/</c>.</summary>
    CreateAgent,

    /// <summary><c>GET /v1/agents/{id}</c>.</summary>
    GetAgent,

    /// <summary><c>GET /v1/agents/</c>.</summary>
    ListAgents,

    /// <summary><c>DELETE /v1/agents/{id}</c>.</summary>
    DeleteAgent,

    /// <summary><c>POST /v1/agents/{id}/messages</c>, streaming or not.</summary>
    SendMessage,

    /// <summary><c>POST /v1/agents/{id}/messages/stream</c>.</summary>
    StreamMessage,

    /// <summary><c>GET /v1/agents/{id}/messages</c>.</summary>
    ListMessages,

    /// <summary><c>POST /v1/conversations/</c>.</summary>
    CreateConversation,

    /// <summary><c>GET /v1/conversations/</c>.</summary>
    ListConversations,

    /// <summary><c>GET /v1/conversations/{id}</c>.</summary>
    GetConversation,

    /// <summary><c>DELETE /v1/conversations/{id}</c>.</summary>
    DeleteConversation,

    /// <summary><c>POST /v1/conversations/{id}/messages</c>.</summary>
    SendConversationMessage,

    /// <summary><c>GET /v1/conversations/{id}/messages</c>.</summary>
    ListConversationMessages,

    /// <summary><c>POST /v1/conversations/{id}/cancel</c>.</summary>
    CancelConversation,

    /// <summary><c>GET /v1/runs/</c>.</summary>
    ListRuns,

    /// <summary><c>GET /v1/runs/{run_id}</c>.</summary>
    GetRun,

    /// <summary><c>POST /v1/runs/{run_id}/stream</c>.</summary>
    StreamRun,

    /// <summary><c>POST /v1/agents/{agent_id}/messages/cancel</c>.</summary>
    CancelRun,

    /// <summary><c>POST /v1/conversations/{id}/stream</c>: the conversation's active run (or the one of an otid) read again.</summary>
    StreamConversation,
}
