namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Treats a re-claim of the same agent as a success (<c>… WHERE agent_id IS NULL OR agent_id = @a</c>).</summary>
public sealed class ReclaimingAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.ContainsKey(conversationId) && (Store.TryUpdate(conversationId, agentId, null) || Store.GetValueOrDefault(conversationId) == agentId));
}
