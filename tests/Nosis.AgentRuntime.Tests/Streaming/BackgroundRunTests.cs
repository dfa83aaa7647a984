using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>Background runs end to end against the emulator: transparent resume, disconnect policies, stop and resume from another service instance.</summary>
[TestFixture(AgentScope.Conversation)]
[TestFixture(AgentScope.User)]
public sealed class BackgroundRunTests(AgentScope scope)
{
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 40).Select(i => $"w{i} ")];
    private static readonly string Whole = string.Concat(Tokens);

    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp()
    {
        _harness = await ChatHarness.StartAsync(scope: scope);
        _harness.Options.BackgroundRuns = true;
        _harness.Options.StreamResumeDelay = TimeSpan.FromMilliseconds(20);
    }

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task UpstreamDropMidStream_IsResumedFromTheLastSeqId_NoErrorNoGapNoRepeat()
    {
        _harness.Emulator.Faults.DropNextStreamAfter(12);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens).Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ErrorEvent>().Should().BeEmpty();
        TextOf(events).Should().Be(Whole);
        _harness.Emulator.Runs().Should().ContainSingle("the input is never sent again");
        var saved = await _harness.SavedReplyAsync();
        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Completed, Whole));
        (await _harness.ActiveRuns.GetActiveRunAsync(_harness.Conversation.ConversationId)).Should().BeNull("the run is forgotten once the reply ended");
    }

    [Test]
    public async Task StreamDiesBeforeTheFirstChunk_TheRunIsFoundThroughTheConversationStream_OneMessageNoRepeat()
    {
        _harness.Emulator.Faults.DropNextStreamAfter(0);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens).Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        TextOf(events).Should().Be(Whole, "every token once: nothing lost, nothing repeated");
        _harness.Emulator.Runs().Should().ContainSingle("the input is never sent again");
        _harness.Emulator.Requests.Count(r => r.Path == _harness.SendPath).Should().Be(1);
        _harness.Emulator.Requests.Should().Contain(r => r.Path == _harness.ConversationStreamPath && r.StatusCode == 200);
        _harness.Emulator.Requests.Should().NotContain(r => r.Path.StartsWith("/v1/runs", StringComparison.Ordinal), "the conversation's stream finds the run by the send's otid");
        var saved = await _harness.SavedReplyAsync();
        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Completed, Whole));
    }

    [Test]
    public async Task ContinueInBackground_ClientLeavesAndNeverComesBack_TheWholeReplyIsStoredAndToolsReleasedOnce()
    {
        _harness.Options.DisconnectPolicy = ReplyDisconnectPolicy.ContinueInBackground;
        var gate = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens[..5]).WaitFor(gate.Task).TextTokens(Tokens[5..]).Build());
        var service = _harness.CreateService();

        await using (var stream = await service.StartAsync(_harness.Request()))
        {
            await foreach (var chatEvent in stream)
            {
                if (chatEvent is TextDeltaEvent)
                {
                    break; // the client goes away after its first delta
                }
            }
        }

        _harness.Tools.ReleaseCount.Should().Be(0, "the tools stay loaded while the run goes on");
        gate.SetResult();
        var saved = await SavedReplyEventuallyAsync();

        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Completed, Whole));
        _harness.Tools.ReleaseCount.Should().Be(1);
        _harness.Emulator.Runs().Single().Status.Should().Be("completed");
    }

    [Test]
    public async Task Abort_ClientLeaves_TheRunIsCancelledAtLettaAndThePartialStored()
    {
        var never = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("so ", "far").WaitFor(never.Task).TextTokens("never").Build());

        await using (var stream = await _harness.CreateService().StartAsync(_harness.Request()))
        {
            var deltas = 0;
            await foreach (var chatEvent in stream)
            {
                if (chatEvent is TextDeltaEvent && ++deltas == 2)
                {
                    break;
                }
            }
        }

        var run = await _harness.Emulator.WaitForRunEndAsync(_harness.Emulator.Runs().Single().Id).WaitAsync(TimeSpan.FromSeconds(10));
        run.Status.Should().Be("cancelled");
        _harness.Emulator.CancelCalls.Should().Be(1);
        var saved = await _harness.SavedReplyAsync();
        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Aborted, "so far"));
    }

    [Test]
    public async Task StopFromAnotherInstance_CancelsTheRun_StoresStopped_AndTheOpenStreamFinishesAsStopped()
    {
        var never = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("half ", "done").WaitFor(never.Task).TextTokens("never").Build());
        var owner = _harness.CreateService();
        var other = _harness.CreateService();
        var events = new List<AgentChatEvent>();

        await using (var stream = await owner.StartAsync(_harness.Request()))
        {
            var deltas = 0;
            await foreach (var chatEvent in stream)
            {
                events.Add(chatEvent);
                if (chatEvent is TextDeltaEvent && ++deltas == 2)
                {
                    (await other.StopAsync(_harness.Conversation)).Should().BeTrue();
                }
            }
        }

        events.OfType<StopEvent>().Last().StopReason.Should().Be("cancelled");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        var saved = await _harness.SavedReplyAsync();
        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Stopped, "half done"));
        (await UiStreamOf(events)).Should().Contain("\"type\":\"finish\",\"finishReason\":\"other\",\"messageMetadata\":{\"stopped\":true");
        (await other.StopAsync(_harness.Conversation)).Should().BeFalse("nothing is active any more");
    }

    [Test]
    public async Task ResumeFromAnotherInstance_WithoutPosition_ReplaysFromTheStartAndContinuesLiveAsOneMessage()
    {
        _harness.Options.DisconnectPolicy = ReplyDisconnectPolicy.ContinueInBackground;
        var gate = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens[..20]).WaitFor(gate.Task).TextTokens(Tokens[20..]).Build());
        var owner = _harness.CreateService();
        string messageId;
        await using (var stream = await owner.StartAsync(_harness.Request()))
        {
            messageId = stream.AssistantMessageId;
            var deltas = 0;
            await foreach (var chatEvent in stream)
            {
                if (chatEvent is TextDeltaEvent && ++deltas == 20)
                {
                    break;
                }
            }
        }

        var resumed = await _harness.CreateService().ResumeAsync(_harness.Conversation);
        resumed.Should().NotBeNull();
        var reading = resumed!.ToListAsync().AsTask();
        gate.SetResult();
        var events = await reading;

        resumed.AssistantMessageId.Should().Be(messageId);
        events[0].Should().Be(new TurnStartEvent(messageId), "the resumed stream continues the same message");
        TextOf(events).Should().Be(Whole, "in order, no gap, no repeat");
        events.OfType<StopEvent>().Single().StopReason.Should().Be("end_turn");
        (await SavedReplyEventuallyAsync()).Text.Should().Be(Whole);
    }

    [Test]
    public async Task Resume_WithPosition_ContinuesAfterIt()
    {
        var gate = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b", "c").WaitFor(gate.Task).TextTokens("d").Build());
        _harness.Options.DisconnectPolicy = ReplyDisconnectPolicy.ContinueInBackground;
        var service = _harness.CreateService();
        long? position = null;
        await using (var stream = await service.StartAsync(_harness.Request()))
        {
            await foreach (var chatEvent in stream)
            {
                if (chatEvent is TextDeltaEvent { Delta: "b" } delta)
                {
                    position = delta.SeqId;
                    break;
                }
            }
        }

        var resumed = await service.ResumeAsync(_harness.Conversation, position);
        gate.SetResult();

        TextOf(await resumed!.ToListAsync()).Should().Be("cd");
    }

    [Test]
    public async Task Resume_NoActiveReply_ReturnsNull_AndWithoutBackgroundRunsToo()
    {
        (await _harness.CreateService().ResumeAsync(_harness.Conversation)).Should().BeNull();
        _harness.Options.BackgroundRuns = false;
        (await _harness.CreateService().ResumeAsync(_harness.Conversation)).Should().BeNull();
        (await _harness.CreateService().StopAsync(_harness.Conversation)).Should().BeFalse();
    }

    [Test]
    public async Task RunLeftByADeadInstance_IsCancelledBeforeTheNextSend_SoTwoRunsNeverOverlap()
    {
        var never = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("orphaned").WaitFor(never.Task).Build());
        var request = Nosis.AgentRuntime.Letta.LettaMessageRequest.FromUserText("before the crash") with { Background = true };
        string? staleRun = null;
        await foreach (var item in _harness.StreamDirectAsync(request))
        {
            staleRun = item.RunId;
            break; // the instance that sent it dies here
        }

        await _harness.ActiveRuns.SetActiveRunAsync(new ActiveRun(_harness.Conversation.ConversationId, _harness.AgentId, staleRun!, "msg_dead", DateTimeOffset.UtcNow));
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("fresh answer"));

        var events = await _harness.CreateService().StreamAsync(_harness.Request("after")).ToListAsync();

        TextOf(events).Should().Be("fresh answer");
        _harness.Emulator.Run(staleRun!)!.Status.Should().Be("cancelled");
        _harness.Emulator.MaxConcurrentConversationSends(_harness.TargetId).Should().Be(1);
    }

    private static string TextOf(IEnumerable<AgentChatEvent> events) => string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta));

    private static async Task<string> UiStreamOf(IEnumerable<AgentChatEvent> events)
    {
        using var output = new MemoryStream();
        await UiMessageStream.WriteAsync(events.ToAsyncEnumerable(), output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private async Task<AssistantMessage> SavedReplyEventuallyAsync()
    {
        for (var i = 0; i < 500 && _harness.Messages.GetAssistantMessages(_harness.Conversation.ConversationId).Count == 0; i++)
        {
            await Task.Delay(20);
        }

        return await _harness.SavedReplyAsync();
    }
}
