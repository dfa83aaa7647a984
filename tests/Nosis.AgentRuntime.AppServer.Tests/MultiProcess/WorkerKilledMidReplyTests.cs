using System.Diagnostics;
using Nosis.AgentRuntime.AppServer.Tests.Backend;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// Crash recovery on the App Server: a worker process (the race worker, one turn) is killed (-9) while the scripted model holds
/// its reply mid-way. Its WebSocket was the only one subscribed, so the App Server cancels the turn and keeps the partial text in the
/// conversation's history. The next turn, from another host on the same SQLite file, waits out the dead worker's turn lease (10 s,
/// the default), stores a reply for the orphaned turn from the App Server's history, and runs.
/// </summary>
[NonParallelizable]
public sealed class WorkerKilledMidReplyTests : AppServerClientFixture
{
    private const string FirstHalf = "Partial words before the crash";

    [Test]
    public async Task The_next_turn_starts_within_15_seconds_and_the_orphaned_turn_ends_with_a_reply_record()
    {
        await using var file = await SharedSqliteFile.CreateAsync();
        var conversation = await file.Database.Conversations.CreateConversationAsync(new NewConversation("crash-user") { Title = "Crashed" });
        var hold = new ScriptedHold();
        Model.Enqueue(new ScriptedReply().Text(FirstHalf).HoldUntilReleased(hold).Text(" and the rest, never sent."));
        var barrier = Path.Combine(Path.GetTempPath(), $"nosis-appserver-crash-{Guid.NewGuid():N}.go");
        await File.WriteAllTextAsync(barrier, "go"); // released at once: the one worker races nobody
        TimeSpan nextTurnStarted;
        ReplyCompletion nextCompletion;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            using (var worker = RaceWorkerProcess.Start(
                RaceWorkerProcess.FindWorkerDll(), AppServerRaceFleet.WorkerArguments("doomed", file.Path, Server, barrier, "turns", "conversation", [conversation], callers: 1)))
            {
                await hold.Reached.WaitAsync(TimeSpan.FromSeconds(60), limit.Token);
                await Task.Delay(200, limit.Token); // the first half's deltas reach the worker's socket
                worker.Kill();
                worker.Lines.Should().NotContain(l => AppServerRaceFleet.Text(l, "kind") == "turn", "the worker died before its turn ended");
            }

            // The model streams on, as a live model does, and the App Server cancels the turn whose only socket is gone. (Held
            // silent, the model keeps that turn running on the server past the dead worker's lease: the next turn's input is then
            // queued behind it, disposition "queued".)
            hold.Release();

            var killed = Stopwatch.StartNew();
            await using var next = await SharedSqliteRuntimeHost.StartAsync(file, Server, limit.Token);
            var stream = await next.Chat.StartAsync(new AgentChatRequest(conversation.ToRuntime(), "second"), limit.Token);
            await using (stream)
            {
                nextTurnStarted = killed.Elapsed;
                await foreach (var _ in stream.WithCancellation(limit.Token))
                {
                }

                nextCompletion = await stream.Completion;
            }
        }
        finally
        {
            hold.Release();
            File.Delete(barrier);
        }

        TestContext.Out.WriteLine($"The next turn started {nextTurnStarted.TotalSeconds:0.0} s after the worker was killed.");
        nextTurnStarted.Should().BeLessThan(TimeSpan.FromSeconds(15));
        nextCompletion.Should().Be(ReplyCompletion.Completed);
        var stored = await file.Database.Messages.ListMessagesAsync(conversation.Id);
        TestContext.Out.WriteLine("Stored: " + string.Join(" | ", stored.Select(m => $"{m.Role} {m.Completion} \"{m.Content}\"")));
        stored.Select(m => m.Role).Should().Equal(MessageRole.User, MessageRole.Assistant, MessageRole.User, MessageRole.Assistant);
        stored[0].Content.Should().Be($"hi from doomed #0 in {conversation.Id}");
        stored[1].Content.Should().StartWith(FirstHalf, "the orphaned turn's reply is what the App Server kept of it");
        stored[2].Content.Should().Be("second");
        stored[3].Content.Should().Be("Echo: second");
        stored[1].Completion.Should().Be(
            ReplyCompletion.Completed, "recovery stores what the history kept as Letta's reply; the App Server stores no stop marker for a cancelled turn");
        stored[3].Completion.Should().Be(ReplyCompletion.Completed);

        var agent = (await Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [AgentTags.ForConversation(conversation.Id)] }, limit.Token)).Should().ContainSingle().Subject;
        var history = await Client.ListMessagesAsync(agent.Id, new LettaMessageListQuery { Limit = 100, OldestFirst = true }, limit.Token);
        history.OfType<LettaUserMessage>().Select(m => m.Otid).Should().Equal([stored[0].Id, stored[2].Id], "the App Server got each turn's message once");
    }
}
