namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Takes a free lease atomically, but takes over an expired one by reading, then writing: racing owners all win.</summary>
public sealed class NonAtomicTakeoverTurnLeaseStore : BrokenLeaseStore
{
    public override async Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (Read(conversationId) is not { } lease)
        {
            return await base.TryAcquireAsync(conversationId, ownerToken, duration, cancellationToken);
        }

        if (lease.ExpiresAt > Now)
        {
            return false;
        }

        await Task.Yield(); // the round trip between the SELECT and the UPDATE
        Write(conversationId, (ownerToken, Now + duration));
        return true;
    }
}
