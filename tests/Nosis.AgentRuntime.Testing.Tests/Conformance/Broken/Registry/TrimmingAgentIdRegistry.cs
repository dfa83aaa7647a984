namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>"Cleans" agent ids on the way in: trims white space.</summary>
public sealed class TrimmingAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        base.TryClaimAgentIdAsync(conversationId, agentId.Trim(), cancellationToken);
}
