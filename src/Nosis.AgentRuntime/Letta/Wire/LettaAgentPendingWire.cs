using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The one field of <c>AgentState</c> a pending-approval read needs, kept raw for <see cref="LettaFrameReader"/>.</summary>
internal sealed class LettaAgentPendingWire
{
    public JsonElement? PendingApproval { get; set; }
}
