using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The reply checks: every field of an assistant message comes back as saved.</content>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>Each way a reply can end (completed, aborted, failed) is read back as saved.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_EachCompletionKind_RoundTrips() => WithStoreAsync(async (store, conversationId) =>
    {
        var kinds = Enum.GetValues<ReplyCompletion>();
        for (var i = 0; i < kinds.Length; i++)
        {
            await store.SaveAssistantMessageAsync(Assistant(conversationId, $"ended {kinds[i]}", i) with { Completion = kinds[i] }).ConfigureAwait(false);
        }

        var replies = await ReadAssistantMessagesAsync(store, conversationId, kinds.Length).ConfigureAwait(false);
        for (var i = 0; i < kinds.Length; i++)
        {
            Assert.That(replies[i].Completion, Is.EqualTo(kinds[i]), $"A message store must keep how a reply ended: a reply saved as {kinds[i]} was read back as {replies[i].Completion}.");
        }
    });

    /// <summary>Input and output token counts are read back as saved, and a reply without usage is read back without usage.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_Usage_RoundTripsIncludingNone() => WithStoreAsync(async (store, conversationId) =>
    {
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "with usage", 0) with { Usage = new TokenUsage(1234, 5_000_000_000) }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "without usage", 1) with { Usage = null }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].Usage, Is.Not.Null, "A message store must keep a reply's token usage: it was read back as null.");
        Assert.That(replies[0].Usage!.InputTokens, Is.EqualTo(1234), "A message store must keep a reply's input token count unchanged.");
        Assert.That(replies[0].Usage!.OutputTokens, Is.EqualTo(5_000_000_000), "A message store must keep a reply's output token count unchanged, beyond 32 bits too.");
        Assert.That(replies[1].Usage, Is.Null, $"A reply saved without usage must be read back without usage, not as {replies[1].Usage}. Likely cause: NULL columns read as 0 (GetInt64 on a null, a NOT NULL DEFAULT 0).");
    });

    /// <summary>A usage of zero tokens is read back as zero tokens, not as "no usage".</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_ZeroUsage_IsReadBackAsZerosNotNull() => WithStoreAsync(async (store, conversationId) =>
    {
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "zero usage", 0) with { Usage = new TokenUsage(0, 0) }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 1).ConfigureAwait(false);

        Assert.That(replies[0].Usage, Is.EqualTo(new TokenUsage(0, 0)), $"A reply saved with zero tokens of usage must be read back with zero tokens, not as {replies[0].Usage?.ToString() ?? "null (no usage)"}. Likely cause: 0 is treated as 'not reported' (a `> 0` check, NULLIF).");
    });

    /// <summary>The usage of a reply that was aborted or failed is kept: those tokens were spent too.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_UsageOfAbortedAndFailedReplies_IsKept() => WithStoreAsync(async (store, conversationId) =>
    {
        var usage = new TokenUsage(40, 2);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "stopped", 0) with { Completion = ReplyCompletion.Aborted, Usage = usage }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "broke", 1) with { Completion = ReplyCompletion.Failed, Usage = usage }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        foreach (var reply in replies)
        {
            Assert.That(reply.Usage, Is.EqualTo(usage), $"A message store must keep the usage of a reply that ended {reply.Completion}: saved {usage}, read back {reply.Usage?.ToString() ?? "null"}. Likely cause: usage is saved only for completed replies.");
        }
    });

    /// <summary>Reasoning, cached-input and step counts of the usage are read back as saved, and absent ones stay absent.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_DetailedUsage_RoundTrips() => WithStoreAsync(async (store, conversationId) =>
    {
        Require(KitCapability.DetailedUsage);
        var detailed = new TokenUsage(10, 20) { ReasoningTokens = 7, CachedInputTokens = 3, StepCount = 2 };
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "detailed", 0) with { Usage = detailed }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "plain", 1) with { Usage = new TokenUsage(1, 2) }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].Usage, Is.EqualTo(detailed), $"A message store must keep the whole token usage: saved {detailed}, read back {replies[0].Usage}.");
        Assert.That(replies[1].Usage, Is.EqualTo(new TokenUsage(1, 2)), $"Usage details that were not reported must stay absent: read back {replies[1].Usage}.");
    });

    /// <summary>A reply's model is read back as saved, and a reply without a model is read back without one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_Model_RoundTripsIncludingNone() => WithStoreAsync(async (store, conversationId) =>
    {
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "with model", 0) with { Model = "openai/gpt-4.1-mini" }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "without model", 1) with { Model = null }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].Model, Is.EqualTo("openai/gpt-4.1-mini"), "A message store must keep the model that produced a reply.");
        Assert.That(replies[1].Model, Is.Null, "A reply saved without a model must be read back without one.");
    });

    /// <summary>The flag that says a reply was cut to the persistence cap is read back as saved, both ways.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_TruncatedFlag_RoundTrips() => WithStoreAsync(async (store, conversationId) =>
    {
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "cut short… [truncated]", 0) with { IsTruncated = true }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "whole", 1) with { IsTruncated = false }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].IsTruncated, Is.True, "A message store must keep that a reply was truncated: it was read back as whole.");
        Assert.That(replies[1].IsTruncated, Is.False, "A reply saved whole must not be read back as truncated.");
    });

    /// <summary>A reply's Letta agent id and run id are read back as saved, and absent ones stay absent.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_AgentAndRunIds_RoundTrip() => WithStoreAsync(async (store, conversationId) =>
    {
        Require(KitCapability.AgentAndRunIds);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "with ids", 0) with { AgentId = "agent-42", RunId = "run-7" }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "without ids", 1)).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].AgentId, Is.EqualTo("agent-42"), "A message store must keep the agent that replied.");
        Assert.That(replies[0].RunId, Is.EqualTo("run-7"), "A message store must keep the run id of a reply.");
        Assert.That(replies[1].AgentId, Is.Null, "A reply saved without an agent id must be read back without one.");
        Assert.That(replies[1].RunId, Is.Null, "A reply saved without a run id must be read back without one.");
    });
}
