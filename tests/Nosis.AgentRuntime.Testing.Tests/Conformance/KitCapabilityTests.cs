using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

/// <summary>A hook the author left out fails with what to implement; a capability declared lacking skips with its reason.</summary>
public class KitCapabilityTests
{
    [Test]
    public void TwoInstanceCheck_HookNotOverridden_FailsSayingWhatToImplementOrDeclare()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new RegistryWithoutSecondInstance().TryClaimAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWins);

        failure!.Message.Should().Contain("RegistryWithoutSecondInstance must override CreateRegistryOverSameStoreAsync")
            .And.Contain("new LackedCapability(KitCapability.SharedStore, \"why\")");
    }

    [Test]
    public void TwoInstanceCheck_CapabilityDeclaredLacking_IsSkippedWithTheReason()
    {
        var skipped = Assert.ThrowsAsync<IgnoreException>(new RegistryDeclaringNoSecondInstance().ReadClaimedAgentIdAsync_ClaimedThroughOtherInstance_ReturnsWinnerDespiteCache);

        skipped!.Message.Should().Be("RegistryDeclaringNoSecondInstance declares it lacks the capability 'shared-store': one process owns this store.");
    }

    [Test]
    public void FailingReleaseCheck_HookNotOverridden_FailsSayingWhatToImplement()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new LoaderWithoutFailingRelease().DisposeAsync_ReleaseThrows_FirstDisposeThrowsAndReleaseRunsOnce);

        failure!.Message.Should().Contain("must override CreateLoaderWhoseReleaseThrowsAsync").And.Contain("KitCapability.FailingRelease");
    }

    [Explicit("Drives the kit's hooks directly; KitCapabilityTests asserts on it.")]
    public sealed class RegistryWithoutSecondInstance : AgentIdRegistryConformanceTests
    {
        protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new InMemoryAgentIdRegistry());

        protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => Task.FromResult(((InMemoryAgentIdRegistry)registry).AddConversation());
    }

    [Explicit("Drives the kit's hooks directly; KitCapabilityTests asserts on it.")]
    public sealed class RegistryDeclaringNoSecondInstance : AgentIdRegistryConformanceTests
    {
        protected override IEnumerable<LackedCapability> LackedCapabilities => [new(KitCapability.SharedStore, "one process owns this store.")];

        protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new InMemoryAgentIdRegistry());

        protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => Task.FromResult(((InMemoryAgentIdRegistry)registry).AddConversation());
    }

    [Explicit("Drives the kit's hooks directly; KitCapabilityTests asserts on it.")]
    public sealed class LoaderWithoutFailingRelease : ToolLoaderConformanceTests
    {
        protected override Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolDefinition> otherOfficeTools) =>
            Task.FromResult<IToolLoader>(new InMemoryToolLoader());

        protected override int GetReleaseCount(IToolLoader loader) => ((InMemoryToolLoader)loader).ReleaseCount;

        protected override int GetOpenResourceCount(IToolLoader loader) => ((InMemoryToolLoader)loader).OpenCount;
    }
}
