namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Renew checks the owner but not the expiry, so a lease that lapsed is revived.</summary>
public sealed class RenewAfterExpiryTurnLeaseStore : BrokenLeaseStore
{
    public override Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (Read(conversationId) is not { } lease || lease.Owner != ownerToken)
        {
            return Task.FromResult(false);
        }

        Write(conversationId, (ownerToken, Now + duration));
        return Task.FromResult(true);
    }
}
