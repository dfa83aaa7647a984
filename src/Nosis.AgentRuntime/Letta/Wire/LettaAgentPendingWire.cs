namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The one field of <c>AgentState</c> a pending-approval read needs.</summary>
internal sealed class LettaAgentPendingWire
{
    public LettaWireMessage? PendingApproval { get; set; }
}
