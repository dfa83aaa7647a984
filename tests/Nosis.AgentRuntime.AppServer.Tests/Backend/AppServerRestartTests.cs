using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>The App Server restarted in the middle of a turn (its own server: the restart would disturb other fixtures).</summary>
public sealed class AppServerRestartTests : AppServerClientFixture
{
    [Test]
    public async Task A_restart_mid_turn_ends_the_reply_with_a_clear_error_stores_it_once_and_the_next_turn_answers()
    {
        await using var runtime = await AppServerRuntimeHost.StartAsync(Server.Url, Server.ModelHandle);
        var conversation = runtime.NewConversation();
        var hold = new ScriptedHold();
        Model.Enqueue(new ScriptedReply().Text("Half of it").HoldUntilReleased(hold).Text(" never comes."));

        var events = ReadAllAsync(runtime.Chat.StreamAsync(new AgentChatRequest(conversation, "Say something long.")));
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        await Server.RestartAsync();
        hold.Release();
        var seen = await events.WaitAsync(TimeSpan.FromSeconds(30));

        seen.OfType<ErrorEvent>().Should().ContainSingle().Which.Message.Should().Be("The agent could not finish its reply. Please try again.");
        runtime.Errors.Reports.Should().Contain(r => r.Message.Contains("App Server connection dropped") && r.Context == $"conversation={conversation.ConversationId}",
            "the host's error reporter learns what the page is not told");
        var stored = await runtime.StoredReplyAsync(conversation.ConversationId);
        stored.Completion.Should().Be(ReplyCompletion.Failed);
        stored.Text.Should().Be("Half of it");

        Model.Enqueue(new ScriptedReply().Text("I am back."));
        var claimed = conversation with { AgentId = stored.AgentId };
        var next = await ReadAllAsync(runtime.Chat.StreamAsync(new AgentChatRequest(claimed, "Still there?"))).WaitAsync(TimeSpan.FromSeconds(60));
        string.Concat(next.OfType<TextDeltaEvent>().Select(t => t.Delta)).Should().Be("I am back.");
        (await runtime.StoredReplyAsync(conversation.ConversationId, 2)).Completion.Should().Be(ReplyCompletion.Completed);
        runtime.Messages.GetAssistantMessages(conversation.ConversationId).Should().HaveCount(2, "the failed reply is stored once");
        runtime.Messages.GetUserMessages(conversation.ConversationId).Should().HaveCount(2);
    }

    private static async Task<List<AgentChatEvent>> ReadAllAsync(IAsyncEnumerable<AgentChatEvent> events)
    {
        var list = new List<AgentChatEvent>();
        await foreach (var chatEvent in events)
        {
            list.Add(chatEvent);
        }

        return list;
    }
}
