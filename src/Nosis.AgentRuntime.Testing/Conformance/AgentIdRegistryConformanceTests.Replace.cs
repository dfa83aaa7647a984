using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The re-claim after a lost agent: <see cref="IAgentIdRegistry.TryReplaceAgentIdAsync"/> is a compare-and-set too.</content>
public abstract partial class AgentIdRegistryConformanceTests
{
    /// <summary>Many replacements of one lost agent with distinct new ids, released together: exactly one wins, and every read returns it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryReplaceAgentIdAsync_ManyConcurrentReplacements_ExactlyOneWinsAndEveryReadReturnsIt()
    {
        Require(KitCapability.ReplaceAgentId);
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        var registries = new[] { registry, await RequireAsync(KitCapability.SharedStore, () => CreateRegistryOverSameStoreAsync(registry)).ConfigureAwait(false) };
        try
        {
            for (var round = 0; round < ConcurrentClaimRounds; round++)
            {
                var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
                Assert.That(await registry.TryClaimAgentIdAsync(conversationId, $"agent-lost-{round}").ConfigureAwait(false), Is.True, "The first claim of a new conversation must win.");
                var count = ConcurrentClaimCount;
                var won = await Concurrently.RunAsync(
                    count,
                    i => registries[i % registries.Length].TryReplaceAgentIdAsync(conversationId, $"agent-lost-{round}", $"agent-new-{round}-{i}"),
                    $"{count} concurrent replacements of one lost agent").ConfigureAwait(false);

                var winners = won.Count(w => w);
                Assert.That(winners, Is.EqualTo(1), $"TryReplaceAgentIdAsync must be a compare-and-set: {winners} of {count} concurrent replacements won; exactly one may win.");
                var winner = $"agent-new-{round}-{Array.IndexOf(won, true)}";
                foreach (var each in registries)
                {
                    Assert.That(await each.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false), Is.EqualTo(winner), "After a replacement race, ReadClaimedAgentIdAsync must return the one replacement that won.");
                }
            }
        }
        finally
        {
            foreach (var each in registries.Reverse())
            {
                await DisposeRegistryAsync(each).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A replacement that names an agent the conversation does not hold (none, or another) changes nothing.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task TryReplaceAgentIdAsync_ExpectedAgentNotHeld_ReturnsFalseAndKeepsAgent()
    {
        Require(KitCapability.ReplaceAgentId);
        var registry = await CreateRegistryAsync().ConfigureAwait(false);
        try
        {
            var empty = await AddConversationAsync(registry).ConfigureAwait(false);
            Assert.That(await registry.TryReplaceAgentIdAsync(empty, "agent-never", "agent-new").ConfigureAwait(false), Is.False, "TryReplaceAgentIdAsync must not set an agent on a conversation that has none: that is TryClaimAgentIdAsync's job.");
            Assert.That(await registry.ReadClaimedAgentIdAsync(empty).ConfigureAwait(false), Is.Null, "A refused replacement must leave a conversation without an agent unchanged.");

            var held = await AddConversationAsync(registry).ConfigureAwait(false);
            await registry.TryClaimAgentIdAsync(held, "agent-current").ConfigureAwait(false);
            Assert.That(await registry.TryReplaceAgentIdAsync(held, "agent-other", "agent-new").ConfigureAwait(false), Is.False, "TryReplaceAgentIdAsync must return false when the conversation holds another agent than the expected one.");
            Assert.That(await registry.ReadClaimedAgentIdAsync(held).ConfigureAwait(false), Is.EqualTo("agent-current"), "A refused replacement must keep the current agent.");
            Assert.That(await registry.TryReplaceAgentIdAsync("conversation-that-does-not-exist", "agent-current", "agent-new").ConfigureAwait(false), Is.False, "TryReplaceAgentIdAsync must return false for an unknown conversation.");
        }
        finally
        {
            await DisposeRegistryAsync(registry).ConfigureAwait(false);
        }
    }
}
