namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of <c>POST /v1/runs/{run_id}/stream</c> (<c>RetrieveStreamRequest</c> in letta/schemas/letta_request.py).</summary>
internal sealed class LettaRunStreamWireRequest
{
    public long? StartingAfter { get; init; }

    public bool IncludePings { get; init; } = true;
}
