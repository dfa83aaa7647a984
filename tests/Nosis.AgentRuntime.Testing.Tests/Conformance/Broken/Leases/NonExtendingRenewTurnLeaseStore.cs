namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Renew checks the lease and answers true, but never writes the new expiry.</summary>
public sealed class NonExtendingRenewTurnLeaseStore : BrokenLeaseStore
{
    public override Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(conversationId) is { } lease && lease.Owner == ownerToken && lease.ExpiresAt > Now);
}
