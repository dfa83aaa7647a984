using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="ISharedAgentRegistry"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// Both row kinds (a shared scope's agent, a host conversation's Letta conversation) must be true compare-and-sets: of many
/// racing claims, through one instance or two over one store, exactly one wins, and a replacement wins only from the id it expects.
/// </remarks>
[TestFixture]
public abstract class SharedAgentRegistryConformanceTests : ConformanceSuite
{
    /// <summary>Gets how many claims of one row race in the concurrency tests.</summary>
    /// <value>The default is 32.</value>
    protected virtual int ConcurrentClaimCount => 32;

    /// <summary>Creates a registry over an empty store; called once per test.</summary>
    /// <returns>The registry under test.</returns>
    protected abstract Task<ISharedAgentRegistry> CreateRegistryAsync();

    /// <summary>Stores a new host conversation that has no Letta conversation yet, in the registry's store.</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>The new conversation's id.</returns>
    protected abstract Task<string> AddConversationAsync(ISharedAgentRegistry registry);

    /// <summary>Creates a second registry over the same store, as another process would have (<see cref="KitCapability.SharedStore"/>).</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>Another registry instance over the same data.</returns>
    protected virtual Task<ISharedAgentRegistry> CreateRegistryOverSameStoreAsync(ISharedAgentRegistry registry) =>
        throw MissingHook(nameof(CreateRegistryOverSameStoreAsync), "return a second registry over the same store, as another process would have", KitCapability.SharedStore);

    /// <summary>Frees a registry after a test; by default disposes it when it is disposable.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeRegistryAsync(ISharedAgentRegistry registry) => Concurrently.DisposeAsync(registry);

    /// <summary>Racing claims of one office's and one user's agent, through two instances: exactly one of each wins and every read returns it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimSharedAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWinsPerScope()
    {
        Require(KitCapability.SharedStore);
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        var other = await RequireAsync(KitCapability.SharedStore, () => CreateRegistryOverSameStoreAsync(registry)).ConfigureAwait(false);
        try
        {
            var office = "office-" + Guid.NewGuid().ToString("N");
            foreach (var key in new[] { new SharedAgentKey(office), new SharedAgentKey(office, "user-1"), new SharedAgentKey(office, "user-2") })
            {
                var registries = new[] { registry, other };
                var won = await Concurrently.RunAsync(
                    ConcurrentClaimCount, i => registries[i % 2].TryClaimSharedAgentIdAsync(key, $"agent-{key.Value}-{i}"), $"{ConcurrentClaimCount} claims of {key}").ConfigureAwait(false);
                Assert.That(won.Count(w => w), Is.EqualTo(1), $"TryClaimSharedAgentIdAsync must be a compare-and-set in the store: {won.Count(w => w)} claims of {key} won; exactly one may (… WHERE agent_id IS NULL).");
                var winner = $"agent-{key.Value}-{Array.IndexOf(won, true)}";
                Assert.That(await other.ReadSharedAgentIdAsync(key).ConfigureAwait(false), Is.EqualTo(winner), $"Every instance must read the winning agent of {key}.");
            }
        }
        finally
        {
            await DisposeRegistryAsync(other).ConfigureAwait(false);
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>A shared agent is replaced only from the id the caller expects; a stale replacement loses and changes nothing.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryReplaceSharedAgentIdAsync_FromExpectedId_WinsOnceAndStaleReplacementLoses() => WithRegistryAsync(async registry =>
    {
        var key = new SharedAgentKey("office-" + Guid.NewGuid().ToString("N"), "user-1");
        Assert.That(await registry.ReadSharedAgentIdAsync(key).ConfigureAwait(false), Is.Null, "A scope nobody claimed must read as null.");
        Assert.That(await registry.TryReplaceSharedAgentIdAsync(key, "agent-lost", "agent-new").ConfigureAwait(false), Is.False, "Replacing an agent that was never claimed must lose.");
        Assert.That(await registry.TryClaimSharedAgentIdAsync(key, "agent-1").ConfigureAwait(false), Is.True, "The first claim of a scope must win.");
        Assert.That(await registry.TryClaimSharedAgentIdAsync(key, "agent-2").ConfigureAwait(false), Is.False, "A second claim must lose.");
        var won = await Concurrently.RunAsync(ConcurrentClaimCount, i => registry.TryReplaceSharedAgentIdAsync(key, "agent-1", $"agent-r{i}"), "Concurrent replacements").ConfigureAwait(false);
        Assert.That(won.Count(w => w), Is.EqualTo(1), "Of racing replacements from one lost agent exactly one may win (… WHERE agent_id = @expected).");
        Assert.That(await registry.ReadSharedAgentIdAsync(key).ConfigureAwait(false), Is.EqualTo($"agent-r{Array.IndexOf(won, true)}"), "The winning replacement must be stored.");
    });

    /// <summary>Racing claims of one host conversation's Letta conversation: exactly one wins; other conversations are untouched.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimLettaConversationIdAsync_ConcurrentClaims_ExactlyOneWinsAndOthersUntouched() => WithRegistryAsync(async registry =>
    {
        var first = await AddConversationAsync(registry).ConfigureAwait(false);
        var second = await AddConversationAsync(registry).ConfigureAwait(false);
        var won = await Concurrently.RunAsync(ConcurrentClaimCount, i => registry.TryClaimLettaConversationIdAsync(first, $"conv-{i}"), "Concurrent Letta conversation claims").ConfigureAwait(false);
        Assert.That(won.Count(w => w), Is.EqualTo(1), "TryClaimLettaConversationIdAsync must be a compare-and-set (… WHERE letta_conversation_id IS NULL).");
        Assert.That(await registry.ReadLettaConversationIdAsync(first).ConfigureAwait(false), Is.EqualTo($"conv-{Array.IndexOf(won, true)}"), "The winning claim must be stored.");
        Assert.That(await registry.ReadLettaConversationIdAsync(second).ConfigureAwait(false), Is.Null, "A claim on one conversation must not touch another.");
        Assert.That(await registry.TryClaimLettaConversationIdAsync(second, "conv-second").ConfigureAwait(false), Is.True, "Another conversation's first claim must win.");
    });

    /// <summary>A Letta conversation is replaced only from the id the caller expects.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryReplaceLettaConversationIdAsync_FromExpectedId_WinsOnceAndStaleReplacementLoses() => WithRegistryAsync(async registry =>
    {
        var conversation = await AddConversationAsync(registry).ConfigureAwait(false);
        Assert.That(await registry.TryReplaceLettaConversationIdAsync(conversation, "conv-lost", "conv-new").ConfigureAwait(false), Is.False, "Replacing a Letta conversation that was never claimed must lose.");
        Assert.That(await registry.TryClaimLettaConversationIdAsync(conversation, "conv-1").ConfigureAwait(false), Is.True, "The first claim must win.");
        var won = await Concurrently.RunAsync(ConcurrentClaimCount, i => registry.TryReplaceLettaConversationIdAsync(conversation, "conv-1", $"conv-r{i}"), "Concurrent replacements").ConfigureAwait(false);
        Assert.That(won.Count(w => w), Is.EqualTo(1), "Of racing replacements from one lost Letta conversation exactly one may win (… WHERE letta_conversation_id = @expected).");
        Assert.That(await registry.TryReplaceLettaConversationIdAsync(conversation, "conv-1", "conv-stale").ConfigureAwait(false), Is.False, "A replacement from an id no longer stored must lose.");
        Assert.That(await registry.ReadLettaConversationIdAsync(conversation).ConfigureAwait(false), Is.EqualTo($"conv-r{Array.IndexOf(won, true)}"), "The winning replacement must be stored.");
    });

    private async Task WithRegistryAsync(Func<ISharedAgentRegistry, Task> test)
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(registry), "The shared-agent registry test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }
}
