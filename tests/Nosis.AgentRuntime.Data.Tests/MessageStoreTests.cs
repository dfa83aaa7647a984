using System.Data.Common;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class MessageStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private string _conversationId = null!;

    [SetUp]
    public async Task CreateConversationAsync() =>
        _conversationId = (await Database.Conversations.CreateConversationAsync(new NewConversation("user"))).Id;

    [Test]
    public async Task SaveUserMessageAsync_SameIdTwice_KeepsOneRowWithTheFirstContent()
    {
        var at = Time.GetUtcNow();
        await Database.Messages.SaveUserMessageAsync(new UserMessage("m1", _conversationId, "user", "first", at));
        await Database.Messages.SaveUserMessageAsync(new UserMessage("m1", _conversationId, "user", "retried", at));

        var messages = await Database.Messages.ListMessagesAsync(_conversationId);

        messages.Should().ContainSingle().Which.Content.Should().Be("first");
    }

    [Test]
    public async Task SaveAssistantMessageAsync_SixteenConcurrentRetries_OneRow()
    {
        var message = new AssistantMessage("a1", _conversationId, "reply", "gpt", new TokenUsage(3, 4), ReplyCompletion.Completed, Time.GetUtcNow());

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Database.Messages.SaveAssistantMessageAsync(message))));

        (await Database.Messages.ListMessagesAsync(_conversationId)).Should().ContainSingle();
    }

    [Test]
    public async Task SaveAssistantMessageAsync_CacheWritesContextTokensAndToolCalls_RoundTrip()
    {
        var message = new AssistantMessage("a1", _conversationId, "Noon.", "model-x", new TokenUsage(10, 2) { CacheWriteTokens = 64, ContextTokens = 9_000_000_000 }, ReplyCompletion.Completed, Time.GetUtcNow())
        {
            ToolCalls =
            [
                new AssistantToolCall("call_a", "get_time", "{\"zone\":\"UTC\"}") { Output = "12:00" },
                new AssistantToolCall("call_b", "get_date", "{}") { Output = "no \"calendar\"", IsError = true },
                new AssistantToolCall("call_c", "never_returned", "{}"),
            ],
        };

        await Database.Messages.SaveAssistantMessageAsync(message);
        var stored = (await Database.Messages.ListMessagesAsync(_conversationId)).Single();

        (stored.CacheWriteTokens, stored.ContextTokens).Should().Be((64L, 9_000_000_000L));
        stored.ToolCalls.Should().Equal(message.ToolCalls);
    }

    [Test]
    public async Task SaveAssistantMessageAsync_AllFields_RoundTrip()
    {
        var at = Time.GetUtcNow();
        var message = new AssistantMessage(
            "a1", _conversationId, "partial", "model-x", new TokenUsage(12, 34) { ReasoningTokens = 5, CachedInputTokens = 6_000_000_000, StepCount = 3 }, ReplyCompletion.Aborted, at)
        {
            IsTruncated = true,
            AgentId = "agent-1",
            RunId = "run-1",
        };

        await Database.Messages.SaveAssistantMessageAsync(message);

        var stored = (await Database.Messages.ListMessagesAsync(_conversationId)).Single();
        stored.Should().BeEquivalentTo(new MessageRecord("a1", _conversationId, MessageRole.Assistant, "partial", at)
        {
            Model = "model-x",
            InputTokens = 12,
            OutputTokens = 34,
            ReasoningTokens = 5,
            CachedInputTokens = 6_000_000_000,
            StepCount = 3,
            Completion = ReplyCompletion.Aborted,
            IsTruncated = true,
            AgentId = "agent-1",
            RunId = "run-1",
        });
    }

    [Test]
    public async Task ListMessagesAsync_MixedTimes_OrderedByTimeThenSaveOrder()
    {
        var t0 = Time.GetUtcNow();
        await Database.Messages.SaveUserMessageAsync(new UserMessage("later", _conversationId, "user", "3", t0.AddSeconds(2)));
        await Database.Messages.SaveUserMessageAsync(new UserMessage("tie-b", _conversationId, "user", "1", t0));
        await Database.Messages.SaveUserMessageAsync(new UserMessage("tie-a", _conversationId, "user", "2", t0));
        await Database.Messages.SaveAssistantMessageAsync(
            new AssistantMessage("reply", _conversationId, "4", null, null, ReplyCompletion.Failed, t0.AddSeconds(3)));

        var messages = await Database.Messages.ListMessagesAsync(_conversationId);

        messages.Select(m => m.Id).Should().Equal("tie-b", "tie-a", "later", "reply");
        messages[^1].Completion.Should().Be(ReplyCompletion.Failed);
        messages[0].Role.Should().Be(MessageRole.User);
        messages[0].UserId.Should().Be("user");
        messages[0].Completion.Should().BeNull();
    }

    [Test]
    public async Task SaveUserMessageAsync_NonAsciiAndOneMegabyte_StoredUnchanged()
    {
        const string script = "héllo wörld — 你好，世界 — مرحبا — 👩‍👩‍👧‍👦🚀 — e\u0301 — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";
        var large = string.Concat(Enumerable.Repeat(script, (1024 * 1024 / script.Length) + 1));
        await Database.Messages.SaveUserMessageAsync(new UserMessage("script", _conversationId, "user", script, Time.GetUtcNow()));
        await Database.Messages.SaveUserMessageAsync(new UserMessage("large", _conversationId, "user", large, Time.GetUtcNow().AddSeconds(1)));

        var messages = await Database.Messages.ListMessagesAsync(_conversationId);

        messages[0].Content.Should().Be(script);
        messages[1].Content.Length.Should().Be(large.Length);
        (messages[1].Content == large).Should().BeTrue("the 1 MB content must round-trip byte for byte");
    }

    [Test]
    public async Task ListMessagesAsync_Paging_LimitAndOffset()
    {
        for (var i = 0; i < 5; i++)
        {
            await Database.Messages.SaveUserMessageAsync(new UserMessage($"m{i}", _conversationId, "user", $"{i}", Time.GetUtcNow().AddSeconds(i)));
        }

        (await Database.Messages.ListMessagesAsync(_conversationId, limit: 2, offset: 2)).Select(m => m.Id).Should().Equal("m2", "m3");
    }

    [Test]
    public async Task DeleteConversationAsync_WithMessages_DeletesThem()
    {
        await Database.Messages.SaveUserMessageAsync(new UserMessage("m1", _conversationId, "user", "x", Time.GetUtcNow()));

        (await Database.Conversations.DeleteConversationAsync(_conversationId)).Should().BeTrue();

        (await Database.Messages.ListMessagesAsync(_conversationId)).Should().BeEmpty();
        (await QueryAsync("SELECT COUNT(*) FROM messages")).Single()[0].Should().Be("0");
    }

    [Test]
    public async Task SaveUserMessageAsync_MissingConversation_Throws()
    {
        var act = () => Database.Messages.SaveUserMessageAsync(new UserMessage("m1", "missing", "user", "x", Time.GetUtcNow()));

        await act.Should().ThrowAsync<DbException>();
    }
}
