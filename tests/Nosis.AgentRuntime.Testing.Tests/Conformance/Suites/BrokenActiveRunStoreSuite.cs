using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The active-run suite over one deliberately wrong store.</summary>
public abstract class BrokenActiveRunStoreSuite<T> : ActiveRunStoreConformanceTests
    where T : BrokenActiveRunStore, new()
{
    protected override Task<IActiveRunStore> CreateStoreAsync() => Task.FromResult<IActiveRunStore>(new T());

    protected override Task<string> AddConversationAsync(IActiveRunStore store) => Task.FromResult(((BrokenActiveRunStore)store).AddConversation());
}

[Explicit(BrokenSuite.Reason)] public sealed class SecondsOnlyActiveRunSuite : BrokenActiveRunStoreSuite<SecondsOnlyActiveRunStore>;
[Explicit(BrokenSuite.Reason)] public sealed class BackwardAdvanceActiveRunSuite : BrokenActiveRunStoreSuite<BackwardAdvanceActiveRunStore>;
[Explicit(BrokenSuite.Reason)] public sealed class UnconditionalClearActiveRunSuite : BrokenActiveRunStoreSuite<UnconditionalClearActiveRunStore>;
[Explicit(BrokenSuite.Reason)] public sealed class SingleSlotActiveRunSuite : BrokenActiveRunStoreSuite<SingleSlotActiveRunStore>;
[Explicit(BrokenSuite.Reason)] public sealed class UpsertingActiveRunSuite : BrokenActiveRunStoreSuite<UpsertingActiveRunStore>;
