namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Release and renew ignore the owner (<c>… WHERE conversation = @c</c> only).</summary>
public sealed class AnyoneReleasesTurnLeaseStore : BrokenLeaseStore
{
    public override Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (Read(conversationId) is not { } lease || lease.ExpiresAt <= Now)
        {
            return Task.FromResult(false);
        }

        Write(conversationId, (lease.Owner, Now + duration));
        return Task.FromResult(true);
    }

    public override Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        Remove(conversationId);
        return Task.CompletedTask;
    }
}
