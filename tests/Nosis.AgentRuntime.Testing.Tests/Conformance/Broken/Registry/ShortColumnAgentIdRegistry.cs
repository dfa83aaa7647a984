namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Stores agent ids in a 64-character column that silently cuts longer ones.</summary>
public sealed class ShortColumnAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        base.TryClaimAgentIdAsync(conversationId, agentId.Length > 64 ? agentId[..64] : agentId, cancellationToken);
}
