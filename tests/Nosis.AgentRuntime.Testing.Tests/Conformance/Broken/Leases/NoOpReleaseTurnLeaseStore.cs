namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Release does nothing: the lease stays until it expires, blocking the next turn.</summary>
public sealed class NoOpReleaseTurnLeaseStore : BrokenLeaseStore
{
    public override Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
