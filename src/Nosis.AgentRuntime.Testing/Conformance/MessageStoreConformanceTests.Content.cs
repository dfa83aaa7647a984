using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The content checks: every message, in order, unchanged, once.</content>
public abstract partial class MessageStoreConformanceTests
{
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

        Assert.That(messages.Select(m => m.MessageId), Is.EqualTo(expected), $"A message store must keep every message in the order saved: saved {expected.Count} messages, read back [{string.Join(", ", messages)}]. Likely cause: reading back ordered by id, or not ordered at all.");
        Assert.That(messages.Select(m => m.IsAssistant), Is.EqualTo(expected.Select((_, i) => i % 2 == 1)), "A message store must keep whether each message is the user's or the assistant's.");
    });

    /// <summary>A user message's author and conversation are read back as saved.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveUserMessageAsync_AuthorAndConversation_RoundTrip() => WithStoreAsync(async (store, conversationId) =>
    {
        var saved = User(conversationId, "who wrote this?", 0) with { UserId = "user-42" };
        await store.SaveUserMessageAsync(saved).ConfigureAwait(false);

        var read = (await ReadMessagesAsync(store, conversationId).ConfigureAwait(false)).Single().User;

        Assert.That(read, Is.Not.Null, "A saved user message must be read back as a user message.");
        Assert.That(read!.UserId, Is.EqualTo("user-42"), $"A message store must keep the author of a user message: saved user-42, read back {read.UserId}.");
        Assert.That(read.ConversationId, Is.EqualTo(conversationId), "A message store must keep the conversation of a user message.");
    });

    /// <summary>A user message and a reply of about 1 MB each are read back unchanged, character for character.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_LargeContent_IsReadBackUnchanged() => AssertContentSurvivesAsync(
        LargeText(LargeContentLength, "user"), LargeText(LargeContentLength, "assistant"), "Likely cause: a length-limited column (VARCHAR(n), NVARCHAR(4000)) or a cap in code.");

    /// <summary>Content in many scripts, with emoji, combining marks, line breaks, quotes and backslashes is read back unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_NonAsciiContent_IsReadBackUnchanged()
    {
        const string Text = "Grüße, ça va? 日本語のテキスト — Ελληνικά, עברית, مرحبا بالعالم 🤖🧠👩‍💻 e\u0301 \"quoted\" 'single' \\back\\ \r\nline two\ttab; DROP TABLE messages; --";
        return AssertContentSurvivesAsync(Text, Text + " (reply)", "Likely cause: a non-Unicode column or encoding, or string concatenation instead of parameters.");
    }

    /// <summary>Content with leading and trailing spaces, tabs and line breaks is read back unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_ContentWithSurroundingWhiteSpace_IsReadBackUnchanged() => AssertContentSurvivesAsync(
        "   indented question\n\n", "\t\r\n  reply with a trailing line break\n", "Likely cause: the content is trimmed (Trim(), a CHAR column, a normalising serializer).");

    /// <summary>Content with NUL characters (U+0000) is read back unchanged, NULs included.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_ContentWithNulCharacters_IsReadBackUnchanged()
    {
        Require(KitCapability.NulCharacters);
        return AssertContentSurvivesAsync("before\0after", "\0reply\0with\0nuls\0", "Likely cause: NULs are stripped to suit the database (PostgreSQL text cannot hold U+0000: store it escaped or as bytes).");
    }

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

        Assert.That(messages.Select(m => m.MessageId), Is.EqualTo(new[] { user.MessageId, reply.MessageId }), $"Saves must be idempotent by message id: after saving each of 2 messages twice, read back [{string.Join(", ", messages)}]. Likely cause: no unique key on the message id.");
    });

    /// <summary>Saving the same user message from many threads at once (retries that overlap) keeps exactly one copy and never throws.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveUserMessageAsync_SameIdConcurrently_KeepsOneCopy() => AssertConcurrentSavesKeepOneCopyAsync("user message", (conversationId, round) =>
    {
        var message = User(conversationId, $"raced question {round}", 2 * round);
        return (message.MessageId, store => store.SaveUserMessageAsync(message));
    });

    /// <summary>Saving the same reply from many threads at once (retries that overlap) keeps exactly one copy and never throws.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_SameIdConcurrently_KeepsOneCopy() => AssertConcurrentSavesKeepOneCopyAsync("reply", (conversationId, round) =>
    {
        var message = Assistant(conversationId, $"raced reply {round}", 2 * round + 1);
        return (message.MessageId, store => store.SaveAssistantMessageAsync(message));
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

    private Task AssertContentSurvivesAsync(string userText, string replyText, string likelyCause) => WithStoreAsync(async (store, conversationId) =>
    {
        await store.SaveUserMessageAsync(User(conversationId, userText, 0)).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, replyText, 1)).ConfigureAwait(false);

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(messages, Has.Count.EqualTo(2), "A message store must keep every message: not every one was read back.");
        AssertSameText(messages[0].Content, userText, "a user message", likelyCause);
        AssertSameText(messages[1].Content, replyText, "an assistant reply", likelyCause);
    });
}
