using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The read checks: what is stored comes back unchanged, and the fresh read is fresh.</content>
public abstract partial class AgentIdRegistryConformanceTests
{
    /// <summary>A conversation that was just added has no agent: both reads return null.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task GetAgentIdAsync_NewConversation_ReturnsNull() => WithRegistryAsync(async registry =>
    {
        var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);

        Assert.That(await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false), Is.Null, "GetAgentIdAsync must return null for a conversation that has no agent yet (not an empty string).");
        Assert.That(await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false), Is.Null, "ReadClaimedAgentIdAsync must return null for a conversation that has no agent yet (not an empty string).");
    });

    /// <summary>Agent ids with quotes, semicolons, backslashes, wildcards, non-ASCII text and 200 characters are stored and read back unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_UnusualAgentIds_SurviveUnchanged() => AssertAgentIdsSurviveAsync(
        "Likely cause: string concatenation instead of parameters, a short column, or a non-Unicode encoding.",
        "agent-'single'-quotes",
        "agent-\"double\"-quotes",
        "agent'; DROP TABLE conversations; --",
        "agent\\back\\slash",
        "agent%_*?[like]-wildcards",
        "agent ünïcödé 日本語 🤖 مرحبا",
        "agent-" + new string('x', 194));

    /// <summary>Agent ids with leading or trailing white space are stored and read back unchanged: ids are opaque.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryClaimAgentIdAsync_AgentIdsWithSurroundingWhiteSpace_SurviveUnchanged() => AssertAgentIdsSurviveAsync(
        "Likely cause: the id is trimmed on the way in or out (Trim(), a CHAR column padded with spaces).",
        " agent-leading-space",
        "agent-trailing-space ",
        "\tagent-tabbed\t",
        "agent-newline\n");

    /// <summary>After one instance has read a conversation, another claims it: the first instance's fresh read returns the winner, and its own claim loses.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReadClaimedAgentIdAsync_ClaimedThroughOtherInstance_ReturnsWinnerDespiteCache() => WithTwoInstancesAsync(async (registry, other) =>
    {
        var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
        _ = await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false);
        _ = await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false);

        Assert.That(await other.TryClaimAgentIdAsync(conversationId, "agent-elsewhere").ConfigureAwait(false), Is.True, "The other instance's claim must win on a conversation with no agent.");
        Assert.That(
            await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false),
            Is.EqualTo("agent-elsewhere"),
            "ReadClaimedAgentIdAsync must bypass any cache and return the agent another instance claimed; it returned what this instance had read before. Likely cause: it is served from the same cache as GetAgentIdAsync.");
        Assert.That(
            await registry.TryClaimAgentIdAsync(conversationId, "agent-here").ConfigureAwait(false),
            Is.False,
            "A claim must be decided by the shared store, not a cache: this instance claimed a conversation another instance had already claimed.");
    });

    private Task AssertAgentIdsSurviveAsync(string likelyCause, params string[] agentIds) => WithRegistryAsync(async registry =>
    {
        foreach (var agentId in agentIds)
        {
            var conversationId = await AddConversationAsync(registry).ConfigureAwait(false);
            Assert.That(await registry.TryClaimAgentIdAsync(conversationId, agentId).ConfigureAwait(false), Is.True, $"A claim of the agent id \"{agentId}\" on a new conversation must succeed.");
            var read = await registry.GetAgentIdAsync(conversationId).ConfigureAwait(false);
            var fresh = await registry.ReadClaimedAgentIdAsync(conversationId).ConfigureAwait(false);
            Assert.That(read, Is.EqualTo(agentId), $"Agent ids must be stored unchanged: \"{agentId}\" ({agentId.Length} chars) came back from GetAgentIdAsync as \"{read}\". {likelyCause}");
            Assert.That(fresh, Is.EqualTo(agentId), $"Agent ids must be stored unchanged: \"{agentId}\" ({agentId.Length} chars) came back from ReadClaimedAgentIdAsync as \"{fresh}\". {likelyCause}");
        }
    });
}
