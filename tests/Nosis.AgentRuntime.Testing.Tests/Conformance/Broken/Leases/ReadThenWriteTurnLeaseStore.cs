namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Acquires by reading, then writing, for free and expired leases alike.</summary>
public sealed class ReadThenWriteTurnLeaseStore : BrokenLeaseStore
{
    public override async Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (Read(conversationId) is { } lease && lease.ExpiresAt > Now)
        {
            return false;
        }

        await Task.Yield(); // the round trip between the SELECT and the INSERT
        Write(conversationId, (ownerToken, Now + duration));
        return true;
    }
}
