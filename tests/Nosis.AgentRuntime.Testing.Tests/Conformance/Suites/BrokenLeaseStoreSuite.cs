using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The turn lease suite over one deliberately wrong lease store, on the kit's hand-moved clock.</summary>
public abstract class BrokenLeaseStoreSuite<T> : TurnLeaseStoreConformanceTests
    where T : BrokenLeaseStore, new()
{
    protected override Task<ITurnLeaseStore> CreateLeaseStoreAsync(TimeProvider timeProvider) => Task.FromResult<ITurnLeaseStore>(new T { Clock = timeProvider });
}

[Explicit(BrokenSuite.Reason)] public sealed class AnyoneReleasesLeaseSuite : BrokenLeaseStoreSuite<AnyoneReleasesTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class RenewAfterExpiryLeaseSuite : BrokenLeaseStoreSuite<RenewAfterExpiryTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class OldExpiryRenewLeaseSuite : BrokenLeaseStoreSuite<OldExpiryRenewTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NonAtomicTakeoverLeaseSuite : BrokenLeaseStoreSuite<NonAtomicTakeoverTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class ReadThenWriteLeaseSuite : BrokenLeaseStoreSuite<ReadThenWriteTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class SystemClockLeaseSuite : BrokenLeaseStoreSuite<SystemClockTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NonExtendingRenewLeaseSuite : BrokenLeaseStoreSuite<NonExtendingRenewTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class SingleRowLeaseSuite : BrokenLeaseStoreSuite<SingleRowTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NoOpReleaseLeaseSuite : BrokenLeaseStoreSuite<NoOpReleaseTurnLeaseStore>;
[Explicit(BrokenSuite.Reason)] public sealed class OverwritingAcquireLeaseSuite : BrokenLeaseStoreSuite<OverwritingAcquireTurnLeaseStore>;
