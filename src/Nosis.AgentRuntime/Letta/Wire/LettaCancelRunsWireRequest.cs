namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of <c>POST /v1/agents/{agent_id}/messages/cancel</c> (<c>CancelAgentRunRequest</c> in letta/server/rest_api/routers/v1/agents.py).</summary>
internal sealed class LettaCancelRunsWireRequest
{
    public IReadOnlyList<string>? RunIds { get; init; }
}
