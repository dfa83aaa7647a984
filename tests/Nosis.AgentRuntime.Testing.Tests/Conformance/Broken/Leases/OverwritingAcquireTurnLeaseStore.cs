namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Acquires with an upsert that replaces whatever lease is there (<c>INSERT OR REPLACE</c>), held or not.</summary>
public sealed class OverwritingAcquireTurnLeaseStore : BrokenLeaseStore
{
    public override Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Write(conversationId, (ownerToken, Now + duration));
        return Task.FromResult(true);
    }
}
