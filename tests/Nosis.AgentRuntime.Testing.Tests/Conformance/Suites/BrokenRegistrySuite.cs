using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The registry suite over one deliberately wrong registry; the second instance shares its store, with its own locks and caches.</summary>
public abstract class BrokenRegistrySuite<T> : AgentIdRegistryConformanceTests
    where T : BrokenRegistry, new()
{
    protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new T());

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => Task.FromResult(((T)registry).AddConversation());

    protected override Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) => Task.FromResult<IAgentIdRegistry>(((T)registry).OverSameStore<T>());
}

[Explicit(BrokenSuite.Reason)] public sealed class LastWriterWinsRegistrySuite : BrokenRegistrySuite<LastWriterWinsAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class ReadThenWriteRegistrySuite : BrokenRegistrySuite<ReadThenWriteAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class InstanceLockedRegistrySuite : BrokenRegistrySuite<InstanceLockedAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class CachingRegistrySuite : BrokenRegistrySuite<CachingAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class TrimmingRegistrySuite : BrokenRegistrySuite<TrimmingAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class CaseInsensitiveRegistrySuite : BrokenRegistrySuite<CaseInsensitiveAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class ReclaimingRegistrySuite : BrokenRegistrySuite<ReclaimingAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class UpsertingRegistrySuite : BrokenRegistrySuite<UpsertingAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class EmptyStringRegistrySuite : BrokenRegistrySuite<EmptyStringAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class BusyRefusingRegistrySuite : BrokenRegistrySuite<BusyRefusingAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class ShortColumnRegistrySuite : BrokenRegistrySuite<ShortColumnAgentIdRegistry>;
[Explicit(BrokenSuite.Reason)] public sealed class AsciiRegistrySuite : BrokenRegistrySuite<AsciiAgentIdRegistry>;
