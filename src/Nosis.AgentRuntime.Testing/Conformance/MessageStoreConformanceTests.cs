using System.Text;
using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IMessageStore"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The fixture saves messages, then reads the conversation back through <see cref="ReadMessagesAsync"/>. It compares ids,
/// content, model, usage, completion and the truncated flag; it does not compare <c>CreatedAt</c> (stores may round it), but
/// every message it saves has a later <c>CreatedAt</c> than the one before, so ordering by time or by insertion both pass.
/// </remarks>
[TestFixture]
public abstract partial class MessageStoreConformanceTests
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Gets the length, in characters, of the large content the store must keep unchanged.</summary>
    /// <value>The default is 1,048,576 (1 MB of text).</value>
    protected virtual int LargeContentLength => 1024 * 1024;

    /// <summary>Gets a value indicating whether the store keeps reasoning, cached-input and step counts of <see cref="TokenUsage"/>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    protected virtual bool SupportsDetailedUsage => true;

    /// <summary>Gets a value indicating whether the store keeps <see cref="AssistantMessage.AgentId"/> and <see cref="AssistantMessage.RunId"/>.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    protected virtual bool SupportsAgentAndRunIds => true;

    /// <summary>Creates a message store over an empty store; called once per test.</summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<IMessageStore> CreateStoreAsync();

    /// <summary>Stores a new conversation messages can be saved to (a row, if your messages reference one).</summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <returns>The new conversation's id.</returns>
    protected abstract Task<string> AddConversationAsync(IMessageStore store);

    /// <summary>Reads back every message of a conversation, in the order the store keeps them, rebuilt as contract records.</summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The messages, oldest first.</returns>
    protected abstract Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(IMessageStore store, string conversationId);

    /// <summary>Frees a store after a test; by default disposes it when it is disposable.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeStoreAsync(IMessageStore store) => Concurrently.DisposeAsync(store);

    /// <summary>User messages and replies saved one after another are read back, all of them, in the order they were saved.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_InterleavedUserAndAssistantMessages_AreAllReadBackInOrder() => WithStoreAsync(async (store, conversationId) =>
    {
        var expected = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var user = User(conversationId, $"question {i}", 2 * i);
            await store.SaveUserMessageAsync(user).ConfigureAwait(false);
            expected.Add(user.MessageId);
            var reply = Assistant(conversationId, $"answer {i}", 2 * i + 1);
            await store.SaveAssistantMessageAsync(reply).ConfigureAwait(false);
            expected.Add(reply.MessageId);
        }

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(
            messages.Select(m => m.MessageId),
            Is.EqualTo(expected),
            $"A message store must keep every message in order: saved {expected.Count} messages, read back [{string.Join(", ", messages)}].");
        Assert.That(messages.Select(m => m.IsAssistant), Is.EqualTo(expected.Select((_, i) => i % 2 == 1)), "A message store must keep whether each message is the user's or the assistant's.");
    });

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
            Assert.That(
                replies[i].Completion,
                Is.EqualTo(kinds[i]),
                $"A message store must keep how a reply ended: a reply saved as {kinds[i]} was read back as {replies[i].Completion}.");
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
        Assert.That(replies[1].Usage, Is.Null, "A reply saved without usage must be read back without usage, not with zeros.");
    });

    /// <summary>Reasoning, cached-input and step counts of the usage are read back as saved, and absent ones stay absent.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_DetailedUsage_RoundTrips() => WithStoreAsync(async (store, conversationId) =>
    {
        Assume.That(SupportsDetailedUsage, "The store does not declare SupportsDetailedUsage.");
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
        Assume.That(SupportsAgentAndRunIds, "The store does not declare SupportsAgentAndRunIds.");
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "with ids", 0) with { AgentId = "agent-42", RunId = "run-7" }).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "without ids", 1)).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 2).ConfigureAwait(false);

        Assert.That(replies[0].AgentId, Is.EqualTo("agent-42"), "A message store must keep the agent that replied.");
        Assert.That(replies[0].RunId, Is.EqualTo("run-7"), "A message store must keep the run id of a reply.");
        Assert.That(replies[1].AgentId, Is.Null, "A reply saved without an agent id must be read back without one.");
        Assert.That(replies[1].RunId, Is.Null, "A reply saved without a run id must be read back without one.");
    });

    /// <summary>A user message and a reply of about 1 MB each are read back unchanged, character for character.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_LargeContent_IsReadBackUnchanged() => WithStoreAsync(async (store, conversationId) =>
    {
        var userText = LargeText(LargeContentLength, "user");
        var replyText = LargeText(LargeContentLength, "assistant");
        await store.SaveUserMessageAsync(User(conversationId, userText, 0)).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, replyText, 1)).ConfigureAwait(false);

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(messages, Has.Count.EqualTo(2), "A message store must keep large messages: not every one was read back.");
        AssertSameText(messages[0].Content, userText, "a large user message");
        AssertSameText(messages[1].Content, replyText, "a large assistant reply");
    });

    /// <summary>Content in many scripts, with emoji, combining marks, line breaks, quotes and backslashes is read back unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_NonAsciiContent_IsReadBackUnchanged() => WithStoreAsync(async (store, conversationId) =>
    {
        const string Text = "Grüße, ça va? 日本語のテキスト — Ελληνικά, עברית, مرحبا بالعالم 🤖🧠👩‍💻 e\u0301 \"quoted\" 'single' \\back\\ \r\nline two\ttab; DROP TABLE messages; --";
        await store.SaveUserMessageAsync(User(conversationId, Text, 0)).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, Text + " (reply)", 1)).ConfigureAwait(false);

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(messages, Has.Count.EqualTo(2), "A message store must keep non-ASCII messages: not every one was read back.");
        AssertSameText(messages[0].Content, Text, "a non-ASCII user message");
        AssertSameText(messages[1].Content, Text + " (reply)", "a non-ASCII assistant reply");
    });

    /// <summary>Saving the same user message and the same reply twice (a retry) keeps one copy of each.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_SameIdTwice_KeepOneCopy() => WithStoreAsync(async (store, conversationId) =>
    {
        var user = User(conversationId, "hello", 0);
        var reply = Assistant(conversationId, "hi", 1);
        await store.SaveUserMessageAsync(user).ConfigureAwait(false);
        await store.SaveUserMessageAsync(user).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(reply).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(reply).ConfigureAwait(false);

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(
            messages.Select(m => m.MessageId),
            Is.EqualTo(new[] { user.MessageId, reply.MessageId }),
            $"Saves must be idempotent by message id: after saving each of 2 messages twice, read back [{string.Join(", ", messages)}].");
    });

    /// <summary>Saving the same reply from many threads at once (retries that overlap) keeps exactly one copy and never throws.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_SameIdConcurrently_KeepsOneCopy() => WithStoreAsync(async (store, conversationId) =>
    {
        var reply = Assistant(conversationId, "raced", 0);
        _ = await Concurrently.RunAsync(
            8,
            async _ =>
            {
                await store.SaveAssistantMessageAsync(reply).ConfigureAwait(false);
                return true;
            },
            "8 concurrent saves of one reply").ConfigureAwait(false);

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(messages, Has.Count.EqualTo(1), $"Saves must be idempotent by message id even when they overlap: 8 concurrent saves of one reply left {messages.Count} copies.");
    });

    /// <summary>Messages of one conversation are not read back with another's.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReadBack_TwoConversations_KeepTheirOwnMessages() => WithStoreAsync(async (store, conversationId) =>
    {
        var otherConversationId = await AddConversationAsync(store).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(conversationId, "mine", 0)).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(otherConversationId, "theirs", 1)).ConfigureAwait(false);

        var mine = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);
        var theirs = await ReadMessagesAsync(store, otherConversationId).ConfigureAwait(false);

        Assert.That(mine.Select(m => m.Content), Is.EqualTo(new[] { "mine" }), "A conversation must hold only its own messages.");
        Assert.That(theirs.Select(m => m.Content), Is.EqualTo(new[] { "theirs" }), "A conversation must hold only its own messages.");
    });

    private static UserMessage User(string conversationId, string content, int second) =>
        new("user-" + Guid.NewGuid().ToString("N"), conversationId, "user-1", content, Epoch.AddSeconds(second));

    private static AssistantMessage Assistant(string conversationId, string text, int second) =>
        new("assistant-" + Guid.NewGuid().ToString("N"), conversationId, text, "test-model", new TokenUsage(1, 1), ReplyCompletion.Completed, Epoch.AddSeconds(second));

    private static string LargeText(int length, string seed)
    {
        // Whole units only, so that no surrogate pair is cut; mixed scripts so that an encoding bug shows too.
        var unit = $"{seed}: the quick brown fox — ça, 日本, 🤖\n";
        var builder = new StringBuilder(length + unit.Length);
        for (var i = 0; builder.Length + unit.Length <= length; i++)
        {
            builder.Append(unit).Append(i % 10);
        }

        return builder.Append('x', length - builder.Length).ToString();
    }

    private static void AssertSameText(string actual, string expected, string what)
    {
        if (string.Equals(actual, expected, StringComparison.Ordinal))
        {
            return;
        }

        var at = 0;
        while (at < actual.Length && at < expected.Length && actual[at] == expected[at])
        {
            at++;
        }

        Assert.Fail($"A message store must keep content unchanged: {what} of {expected.Length} chars was read back as {actual.Length} chars, first different at index {at}.");
    }

    private async Task<IReadOnlyList<AssistantMessage>> ReadAssistantMessagesAsync(IMessageStore store, string conversationId, int expected)
    {
        var replies = (await ReadMessagesAsync(store, conversationId).ConfigureAwait(false)).Where(m => m.IsAssistant).Select(m => m.Assistant!).ToList();
        Assert.That(replies, Has.Count.EqualTo(expected), $"A message store must keep every reply: saved {expected}, read back {replies.Count}.");
        return replies;
    }

    private async Task WithStoreAsync(Func<IMessageStore, string, Task> test)
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        try
        {
            var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
            await Concurrently.WithinAsync(test(store, conversationId), "The message store test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeStoreAsync(store).ConfigureAwait(false);
        }
    }
}
