namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Claims with an upsert, so a claim on a conversation that does not exist creates it.</summary>
public sealed class UpsertingAgentIdRegistry : BrokenRegistry
{
    public override Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.TryAdd(conversationId, agentId) || Store.TryUpdate(conversationId, agentId, null));
}
