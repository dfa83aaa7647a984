using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.SharedAgents;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The shared-agent registry suite over a deliberately wrong registry; one instance stands for both "processes".</summary>
public abstract class BrokenSharedAgentRegistrySuite<T> : SharedAgentRegistryConformanceTests
    where T : ISharedAgentRegistry, new()
{
    protected override Task<ISharedAgentRegistry> CreateRegistryAsync() => Task.FromResult<ISharedAgentRegistry>(new T());

    protected override Task<string> AddConversationAsync(ISharedAgentRegistry registry) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    protected override Task<ISharedAgentRegistry> CreateRegistryOverSameStoreAsync(ISharedAgentRegistry registry) => Task.FromResult(registry);
}

[Explicit(BrokenSuite.Reason)] public sealed class LastWriterWinsSharedAgentRegistrySuite : BrokenSharedAgentRegistrySuite<LastWriterWinsSharedAgentRegistry>;
