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
public abstract partial class MessageStoreConformanceTests : ConformanceSuite
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Gets the length, in characters, of the large content the store must keep unchanged.</summary>
    /// <value>The default is 1,048,576 (1 MB of text).</value>
    protected virtual int LargeContentLength => 1024 * 1024;

    /// <summary>Gets how many saves of one message race in the idempotency checks.</summary>
    /// <value>The default is 32.</value>
    protected virtual int ConcurrentSaveCount => 32;

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

    private static void AssertSameText(string actual, string expected, string what, string likelyCause)
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

        Assert.Fail($"A message store must keep content unchanged: {what} of {expected.Length} chars was read back as {actual.Length} chars, first different at index {at}. {likelyCause}");
    }

    private async Task<IReadOnlyList<AssistantMessage>> ReadAssistantMessagesAsync(IMessageStore store, string conversationId, int expected)
    {
        var replies = (await ReadMessagesAsync(store, conversationId).ConfigureAwait(false)).Where(m => m.IsAssistant).Select(m => m.Assistant!).ToList();
        Assert.That(replies, Has.Count.EqualTo(expected), $"A message store must keep every reply: saved {expected}, read back {replies.Count}.");
        return replies;
    }

    private Task AssertConcurrentSavesKeepOneCopyAsync(string what, Func<string, int, (string Id, Func<IMessageStore, Task> Save)> make) => WithStoreAsync(async (store, conversationId) =>
    {
        var count = ConcurrentSaveCount;
        for (var round = 0; round < 4; round++)
        {
            var (id, save) = make(conversationId, round);
            var failures = await Concurrently.CountFailuresAsync(count, _ => save(store), $"{count} concurrent saves of one {what}").ConfigureAwait(false);
            var copies = (await ReadMessagesAsync(store, conversationId).ConfigureAwait(false)).Count(m => m.MessageId == id);
            Assert.That(failures, Is.Zero, $"A retried save must not throw, even when it overlaps the first attempt: {failures} of {count} concurrent saves of one {what} threw. Likely cause: a unique-key violation is not treated as 'already saved'.");
            Assert.That(copies, Is.EqualTo(1), $"Saves must be idempotent by message id even when they overlap: {count} concurrent saves of one {what} left {copies} copies. Likely cause: 'check if it exists, then insert' instead of one INSERT … ON CONFLICT DO NOTHING.");
        }
    });

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
