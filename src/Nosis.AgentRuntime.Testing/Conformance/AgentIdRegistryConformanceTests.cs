using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IAgentIdRegistry"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The heart of it is the race: many claims of one conversation, released at the same moment, through one instance and
/// through two instances over one store, of which exactly one may win. A read-then-write claim fails it, and so does a
/// claim that is atomic only behind a per-instance lock.
/// </remarks>
[TestFixture]
public abstract partial class AgentIdRegistryConformanceTests : ConformanceSuite
{
    /// <summary>Gets how many claims of one conversation race in the concurrency tests.</summary>
    /// <value>The default is 32.</value>
    protected virtual int ConcurrentClaimCount => 32;

    /// <summary>Gets how many conversations the concurrency tests race, one after another, so that a lucky pass does not happen.</summary>
    /// <value>The default is 8.</value>
    protected virtual int ConcurrentClaimRounds => 8;

    /// <summary>Creates a registry over an empty store; called once per test.</summary>
    /// <returns>The registry under test.</returns>
    protected abstract Task<IAgentIdRegistry> CreateRegistryAsync();

    /// <summary>Stores a new conversation that has no agent yet, in the registry's store.</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>The new conversation's id.</returns>
    protected abstract Task<string> AddConversationAsync(IAgentIdRegistry registry);

    /// <summary>Creates a second registry over the same store as <paramref name="registry"/>, as another process would have (<see cref="KitCapability.SharedStore"/>).</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>Another registry instance over the same data, with its own caches and locks.</returns>
    protected virtual Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) =>
        throw MissingHook(
            nameof(CreateRegistryOverSameStoreAsync),
            "return a second registry over the same store, with its own caches and locks, as another process would have; the multi-instance race and cache checks need it",
            KitCapability.SharedStore);

    /// <summary>Frees a registry after a test; by default disposes it when it is disposable.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeRegistryAsync(IAgentIdRegistry registry) => Concurrently.DisposeAsync(registry);

    private async Task WithRegistryAsync(Func<IAgentIdRegistry, Task> test)
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(registry), "The registry test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    private async Task WithTwoInstancesAsync(Func<IAgentIdRegistry, IAgentIdRegistry, Task> test)
    {
        Require(KitCapability.SharedStore);
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        IAgentIdRegistry? other = null;
        try
        {
            other = await RequireAsync(KitCapability.SharedStore, () => CreateRegistryOverSameStoreAsync(registry)).ConfigureAwait(false);
            await Concurrently.WithinAsync(test(registry, other), "The two-instance registry test").ConfigureAwait(false);
        }
        finally
        {
            if (other is not null)
            {
                await DisposeRegistryAsync(other).ConfigureAwait(false);
            }

            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    private async Task AssertExactlyOneClaimWinsAsync(string conversationId, IAgentIdRegistry[] registries, int round)
    {
        var count = ConcurrentClaimCount;
        var won = await Concurrently.RunAsync(
            count,
            i => registries[i % registries.Length].TryClaimAgentIdAsync(conversationId, $"agent-{round}-{i}"),
            $"{count} concurrent claims of one conversation").ConfigureAwait(false);

        var winners = won.Count(w => w);
        var through = registries.Length == 1 ? "one instance" : $"{registries.Length} instances over one store";
        Assert.That(
            winners,
            Is.EqualTo(1),
            $"TryClaimAgentIdAsync must be a compare-and-set: {winners} of {count} concurrent claims through {through} won (round {round + 1}); exactly one may win. "
            + (registries.Length == 1
                ? "Likely cause: the claim reads, then writes (load-check-save), or overwrites unconditionally; make it one conditional write (… WHERE agent_id IS NULL)."
                : "Likely cause: the claim is atomic only behind a lock of this instance (a lock, a SemaphoreSlim, a cache); the store itself must decide (… WHERE agent_id IS NULL)."));

        var winner = $"agent-{round}-{Array.IndexOf(won, true)}";
        foreach (var registry in registries)
        {
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo(winner),
                "After a race, ReadClaimedAgentIdAsync must return the agent of the one claim that won, not a loser's.");
        }
    }
}
