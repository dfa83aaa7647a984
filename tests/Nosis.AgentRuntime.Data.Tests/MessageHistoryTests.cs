using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class MessageHistoryTests(DatabaseKind kind) : DatabaseTest(kind)
{
    protected override bool MigrateOnSetUp => false;

    [Test]
    public async Task ReadMessagesAsync_RowsStoredBeforeMessageParts_ReadBackAsOneTextPartWithTheirCompletion()
    {
        await Database.MigrateToAsync(4, CancellationToken.None);
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("u1"));
        await ExecuteAsync(
            "INSERT INTO messages (id, conversation_id, role, user_id, content, created_at) "
            + $"VALUES ('u-old', '{conversation.Id}', 'user', 'u1', 'old question', 1000)");
        await ExecuteAsync(
            "INSERT INTO messages (id, conversation_id, role, content, model, input_tokens, output_tokens, completion, is_truncated, created_at) "
            + $"VALUES ('a-old', '{conversation.Id}', 'assistant', 'old partial reply', 'model-x', 12, 34, 'aborted', 0, 2000)");

        await Database.MigrateAsync();
        var history = await Database.Messages.ReadMessagesAsync(conversation.Id, 100);

        history.Select(m => m.MessageId).Should().Equal("u-old", "a-old");
        history[0].User!.Parts.Should().Equal(new TextPart("old question"));
        history[1].Assistant!.Parts.Should().Equal(new TextPart("old partial reply"));
        history[1].Assistant!.Completion.Should().Be(ReplyCompletion.Aborted);
        history[1].Assistant!.Usage.Should().Be(new TokenUsage(12, 34));
    }

    [Test]
    public async Task DeleteAssistantMessageAsync_RemovesOnlyThatReplyAndNeverAUserMessage()
    {
        await Database.MigrateAsync();
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("u1"));
        var at = Time.GetUtcNow();
        await Database.Messages.SaveUserMessageAsync(new UserMessage("u1m", conversation.Id, "u1", "question", at));
        await Database.Messages.SaveAssistantMessageAsync(new AssistantMessage("a1", conversation.Id, "first answer", null, null, ReplyCompletion.Completed, at.AddSeconds(1)));

        (await Database.Messages.DeleteAssistantMessageAsync(conversation.Id, "u1m")).Should().BeFalse();
        (await Database.Messages.DeleteAssistantMessageAsync("another-conversation", "a1")).Should().BeFalse();
        (await Database.Messages.DeleteAssistantMessageAsync(conversation.Id, "a1")).Should().BeTrue();

        (await Database.Messages.ReadMessagesAsync(conversation.Id, 100)).Select(m => m.MessageId).Should().Equal("u1m");
    }
}
