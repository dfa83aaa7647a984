using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The claim checks: the compare-and-set, alone and under races.</content>
public abstract partial class AgentIdRegistryConformanceTests
{
    /// <summary>Many claims of one conversation with distinct ids, released together: exactly one wins, and every later read returns it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt() => WithRegistryAsync(async registry =>
    {
        for (var round = 0; round < ConcurrentClaimRounds; round++)
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
            await AssertExactlyOneClaimWinsAsync(conversationId, [registry], round).ConfigureAwait(false);
        }
    });

    /// <summary>Concurrent claims of one conversation through two registry instances over one store: exactly one wins across both.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_ConcurrentClaimsThroughTwoInstances_ExactlyOneWins() => WithTwoInstancesAsync(async (registry, other) =>
    {
        for (var round = 0; round < ConcurrentClaimRounds; round++)
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
            await AssertExactlyOneClaimWinsAsync(conversationId, [registry, other], round).ConfigureAwait(false);
        }
    });

    /// <summary>One claim on each of many conversations, released together: every claim wins, and each conversation keeps its own agent.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_ConcurrentClaimsOnDifferentConversations_DoNotInterfere() => WithRegistryAsync(async registry =>
    {
        var conversations = new string[ConcurrentClaimCount];
        for (var i = 0; i < conversations.Length; i++)
        {
            conversations[i] = await AddConversationAsync(registry).ConfigureAwait(false);
        }

        var won = await Concurrently.RunAsync(conversations.Length, i => registry.TryClaimAgentIdAsync(conversations[i], $"agent-of-{i}"), "Concurrent claims on different conversations").ConfigureAwait(false);

        Assert.That(
            won.Count(w => w),
            Is.EqualTo(conversations.Length),
            $"A claim on one conversation must not affect another: only {won.Count(w => w)} of {conversations.Length} claims on distinct conversations won. Likely cause: a lock or a busy error shared by all conversations turns into 'false'.");
        for (var i = 0; i < conversations.Length; i++)
        {
            Assert.That(await registry.GetAgentIdAsync(conversations[i]).ConfigureAwait(false), Is.EqualTo($"agent-of-{i}"), $"Each conversation must keep the agent claimed for it: conversation #{i} returned another agent.");
        }
    });

    /// <summary>A claim on a conversation that already has an agent returns false and leaves the existing agent in place.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent() => WithRegistryAsync(async registry =>
    {
        var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
        var first = await registry.TryClaimAgentIdAsync(conversationId, "agent-first").ConfigureAwait(false);
        var second = await registry.TryClaimAgentIdAsync(conversationId, "agent-second").ConfigureAwait(false);

        Assert.That(first, Is.True, "TryClaimAgentIdAsync must succeed on a conversation that has no agent yet, but it returned false.");
        Assert.That(second, Is.False, "TryClaimAgentIdAsync must return false when the conversation already has an agent, but the second claim returned true. Likely cause: an unconditional UPDATE (missing AND agent_id IS NULL).");
        Assert.That(await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false), Is.EqualTo("agent-first"), "A claim must never overwrite an existing agent id: GetAgentIdAsync no longer returns the first claim's agent.");
        Assert.That(await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false), Is.EqualTo("agent-first"), "A claim must never overwrite an existing agent id: ReadClaimedAgentIdAsync no longer returns the first claim's agent.");
    });

    /// <summary>Claiming the agent a conversation already has, a second time, returns false: only the call that stored it returns true.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_SameAgentIdAgain_ReturnsFalse() => WithRegistryAsync(async registry =>
    {
        var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
        Assert.That(await registry.TryClaimAgentIdAsync(conversationId, "agent-same").ConfigureAwait(false), Is.True, "TryClaimAgentIdAsync must succeed on a conversation that has no agent yet.");

        Assert.That(
            await registry.TryClaimAgentIdAsync(conversationId, "agent-same").ConfigureAwait(false),
            Is.False,
            "A re-claim of the agent a conversation already has returned true; only the call that stored the agent may return true, or two callers both think they created it. Likely cause: the condition allows the same value (… OR agent_id = @agent).");
    });

    /// <summary>A claim on a conversation that does not exist returns false and creates nothing.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_UnknownConversation_ReturnsFalse() => WithRegistryAsync(async registry =>
    {
        var unknown = "missing-" + Guid.NewGuid().ToString("N");

        Assert.That(await registry.TryClaimAgentIdAsync(unknown, "agent-x").ConfigureAwait(false), Is.False, "TryClaimAgentIdAsync must return false for a conversation that does not exist, but it returned true. Likely cause: an upsert (INSERT … ON CONFLICT) instead of a conditional UPDATE.");
        Assert.That(await registry.GetAgentIdAsync(unknown).ConfigureAwait(false), Is.Null, "A claim on a conversation that does not exist must not create it: GetAgentIdAsync returned an agent afterwards.");
        Assert.That(await registry.ReadClaimedAgentIdAsync(unknown).ConfigureAwait(false), Is.Null, "ReadClaimedAgentIdAsync must return null for a conversation that does not exist.");
    });

    /// <summary>Conversation ids are compared exactly: an id that differs only in letter case is another, unknown conversation.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_ConversationIdInOtherCase_IsAnotherConversation() => WithRegistryAsync(async registry =>
    {
        var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
        var otherCase = ToggleCase(conversationId);
        Assume.That(otherCase, Is.Not.EqualTo(conversationId), "The conversation ids this adapter makes have no letters, so letter case cannot matter.");

        Assert.That(
            await registry.TryClaimAgentIdAsync(otherCase, "agent-other-case").ConfigureAwait(false),
            Is.False,
            $"Conversation ids must be compared exactly: a claim on '{otherCase}' won the conversation '{conversationId}'. Likely cause: a case-insensitive collation or key comparer (NOCASE, ci_ collations, StringComparer.OrdinalIgnoreCase).");
        Assert.That(await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false), Is.Null, $"A claim on '{otherCase}' must leave the conversation '{conversationId}' without an agent.");
    });

    private static string ToggleCase(string value) =>
        string.Concat(value.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));
}
