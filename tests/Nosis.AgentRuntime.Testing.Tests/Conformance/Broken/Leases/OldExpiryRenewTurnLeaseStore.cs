namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Renew adds the duration to the old expiry (<c>SET expires_at = expires_at + @d</c>) instead of to now.</summary>
public sealed class OldExpiryRenewTurnLeaseStore : BrokenLeaseStore
{
    public override Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (Read(conversationId) is not { } lease || lease.Owner != ownerToken || lease.ExpiresAt <= Now)
        {
            return Task.FromResult(false);
        }

        Write(conversationId, (ownerToken, lease.ExpiresAt + duration));
        return Task.FromResult(true);
    }
}
