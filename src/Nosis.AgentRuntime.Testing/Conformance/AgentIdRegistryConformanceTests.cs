using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IAgentIdRegistry"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The heart of it is <see cref="TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt"/>: many claims
/// of one conversation, released at the same moment, of which exactly one may win. A read-then-write claim fails it.
/// </remarks>
[TestFixture]
public abstract partial class AgentIdRegistryConformanceTests
{
    /// <summary>Gets how many claims of one conversation race in the concurrency tests.</summary>
    /// <value>The default is 32.</value>
    protected virtual int ConcurrentClaimCount => 32;

    /// <summary>Gets how many conversations the concurrency test races, one after another, to make a lucky pass unlikely.</summary>
    /// <value>The default is 4.</value>
    protected virtual int ConcurrentClaimRounds => 4;

    /// <summary>Gets a value indicating whether <see cref="CreateRegistryOverSameStoreAsync"/> is implemented (a second instance, as another process would have).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    protected virtual bool SupportsSharedStore => false;

    /// <summary>Creates a registry over an empty store; called once per test.</summary>
    /// <returns>The registry under test.</returns>
    protected abstract Task<IAgentIdRegistry> CreateRegistryAsync();

    /// <summary>Stores a new conversation that has no agent yet, in the registry's store.</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>The new conversation's id.</returns>
    protected abstract Task<string> AddConversationAsync(IAgentIdRegistry registry);

    /// <summary>Creates a second registry over the same store as <paramref name="registry"/>, as another process would have; see <see cref="SupportsSharedStore"/>.</summary>
    /// <param name="registry">A registry from <see cref="CreateRegistryAsync"/>.</param>
    /// <returns>Another registry instance over the same data.</returns>
    protected virtual Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) =>
        throw new NotSupportedException("Override CreateRegistryOverSameStoreAsync and SupportsSharedStore to run the multi-instance checks.");

    /// <summary>Frees a registry after a test; by default disposes it when it is disposable.</summary>
    /// <param name="registry">The registry.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeRegistryAsync(IAgentIdRegistry registry) => Concurrently.DisposeAsync(registry);

    /// <summary>Many claims of one conversation with distinct ids, released together: exactly one wins, and every later read returns the winner.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt()
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            for (var round = 0; round < ConcurrentClaimRounds; round++)
            {
                var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
                await AssertExactlyOneClaimWinsAsync(conversationId, [registry], round).ConfigureAwait(false);
            }
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>Concurrent claims of one conversation through two registry instances over one store: exactly one wins across both.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWins()
    {
        Assume.That(SupportsSharedStore, "The registry does not declare SupportsSharedStore.");
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        var other = await CreateRegistryOverSameStoreAsync(registry).ConfigureAwait(false);
        try
        {
            for (var round = 0; round < ConcurrentClaimRounds; round++)
            {
                var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
                await AssertExactlyOneClaimWinsAsync(conversationId, [registry, other], round).ConfigureAwait(false);
            }
        }
        finally
        {
            await DisposeRegistryAsync(other).ConfigureAwait(false);
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>One claim on each of many conversations, released together: every claim wins, and each conversation keeps its own agent.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_ConcurrentClaimsOnDifferentConversations_DoNotInterfere()
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            var conversations = new string[ConcurrentClaimCount];
            for (var i = 0; i < conversations.Length; i++)
            {
                conversations[i] = await AddConversationAsync(registry).ConfigureAwait(false);
            }

            var won = await Concurrently.RunAsync(
                conversations.Length,
                i => registry.TryClaimAgentIdAsync(conversations[i], $"agent-of-{i}"),
                "Concurrent claims on different conversations").ConfigureAwait(false);

            Assert.That(
                won.Count(w => w),
                Is.EqualTo(conversations.Length),
                $"A claim on one conversation must not affect another: only {won.Count(w => w)} of {conversations.Length} claims on distinct conversations won; each should have.");
            for (var i = 0; i < conversations.Length; i++)
            {
                Assert.That(
                    await registry.GetAgentIdAsync(conversations[i]).ConfigureAwait(false),
                    Is.EqualTo($"agent-of-{i}"),
                    $"Each conversation must keep the agent claimed for it: conversation #{i} returned another agent.");
            }
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>A claim on a conversation that already has an agent returns false and leaves the existing agent in place.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent()
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
            var first = await registry.TryClaimAgentIdAsync(conversationId, "agent-first").ConfigureAwait(false);
            var second = await registry.TryClaimAgentIdAsync(conversationId, "agent-second").ConfigureAwait(false);

            Assert.That(first, Is.True, "TryClaimAgentIdAsync must succeed on a conversation that has no agent yet, but it returned false.");
            Assert.That(second, Is.False, "TryClaimAgentIdAsync must return false when the conversation already has an agent, but the second claim returned true.");
            Assert.That(
                await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo("agent-first"),
                "A claim must never overwrite an existing agent id: GetAgentIdAsync no longer returns the first claim's agent.");
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo("agent-first"),
                "A claim must never overwrite an existing agent id: ReadClaimedAgentIdAsync no longer returns the first claim's agent.");
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>A conversation that was just added has no agent: both reads return null.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task GetAgentIdAsync_NewConversation_ReturnsNull()
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);

            Assert.That(
                await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.Null,
                "GetAgentIdAsync must return null for a conversation that has no agent yet.");
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.Null,
                "ReadClaimedAgentIdAsync must return null for a conversation that has no agent yet.");
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>A claim on a conversation that does not exist returns false and creates nothing.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_UnknownConversation_ReturnsFalse()
    {
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            var unknown = "missing-" + Guid.NewGuid().ToString("N");

            Assert.That(
                await registry.TryClaimAgentIdAsync(unknown, "agent-x").ConfigureAwait(false),
                Is.False,
                "TryClaimAgentIdAsync must return false for a conversation that does not exist, but it returned true.");
            Assert.That(
                await registry.GetAgentIdAsync(unknown).ConfigureAwait(false),
                Is.Null,
                "A claim on a conversation that does not exist must not create it: GetAgentIdAsync returned an agent afterwards.");
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(unknown).ConfigureAwait(false),
                Is.Null,
                "ReadClaimedAgentIdAsync must return null for a conversation that does not exist.");
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>Agent ids with quotes, semicolons, backslashes, wildcards, non-ASCII text and 200 characters are stored and read back unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryClaimAgentIdAsync_UnusualAgentIds_SurviveUnchanged()
    {
        string[] agentIds =
        [
            "agent-'single'-quotes",
            "agent-\"double\"-quotes",
            "agent'; DROP TABLE conversations; --",
            "agent\\back\\slash",
            "agent%_*?[like]-wildcards",
            "agent ünïcödé 日本語 🤖 مرحبا",
            "agent-" + new string('x', 194),
        ];

        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            foreach (var agentId in agentIds)
            {
                var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
                Assert.That(
                    await registry.TryClaimAgentIdAsync(conversationId, agentId).ConfigureAwait(false),
                    Is.True,
                    $"A claim of the agent id \"{agentId}\" on a new conversation must succeed.");
                Assert.That(
                    await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false),
                    Is.EqualTo(agentId),
                    $"Agent ids must be stored unchanged: \"{agentId}\" ({agentId.Length} chars) came back different from GetAgentIdAsync.");
                Assert.That(
                    await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                    Is.EqualTo(agentId),
                    $"Agent ids must be stored unchanged: \"{agentId}\" ({agentId.Length} chars) came back different from ReadClaimedAgentIdAsync.");
            }
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }

    /// <summary>After one instance has read a conversation, another claims it: the first instance's fresh read returns the winner.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task ReadClaimedAgentIdAsync_ClaimedThroughOtherInstance_ReturnsWinnerDespiteCache()
    {
        Assume.That(SupportsSharedStore, "The registry does not declare SupportsSharedStore.");
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        var other = await CreateRegistryOverSameStoreAsync(registry).ConfigureAwait(false);
        try
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
            _ = await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false);
            _ = await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false);

            Assert.That(await other.TryClaimAgentIdAsync(conversationId, "agent-elsewhere").ConfigureAwait(false), Is.True, "The other instance's claim must win on a conversation with no agent.");
            Assert.That(
                await registry.TryClaimAgentIdAsync(conversationId, "agent-here").ConfigureAwait(false),
                Is.False,
                "A claim must be decided by the shared store, not a cache: this instance claimed a conversation another instance had already claimed.");
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo("agent-elsewhere"),
                "ReadClaimedAgentIdAsync must bypass any cache and return the agent another instance claimed.");
        }
        finally
        {
            await DisposeRegistryAsync(other).ConfigureAwait(false);
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
        Assert.That(
            winners,
            Is.EqualTo(1),
            $"TryClaimAgentIdAsync must be a compare-and-set: {winners} of {count} concurrent claims won; exactly one may win.");

        var winner = $"agent-{round}-{Array.IndexOf(won, true)}";
        foreach (var registry in registries)
        {
            Assert.That(
                await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo(winner),
                "After a race, GetAgentIdAsync must return the agent of the one claim that won, not a loser's.");
            Assert.That(
                await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
                Is.EqualTo(winner),
                "After a race, ReadClaimedAgentIdAsync must return the agent of the one claim that won, not a loser's.");
        }
    }
}
