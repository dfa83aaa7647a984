namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>Takes "now" from the system clock instead of the TimeProvider it was given.</summary>
public sealed class SystemClockTurnLeaseStore : BrokenLeaseStore
{
    protected override DateTimeOffset Now => TimeProvider.System.GetUtcNow();
}
