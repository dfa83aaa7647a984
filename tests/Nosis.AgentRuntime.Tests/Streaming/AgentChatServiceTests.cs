using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming;

[TestFixture(AgentScope.Conversation)]
[TestFixture(AgentScope.User)]
public sealed class AgentChatServiceTests(AgentScope scope)
{
    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ChatHarness.StartAsync(scope: scope);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task StreamAsync_CompleteReply_YieldsTypedEventsAndPersistsTheWholeTextOnce()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Reasoning("Thinking it over.").TextTokens("Hel", "lo ", "there").Usage(20, 7).Build());
        _harness.Tools.DefineTool("search", ToolScope.Sandbox, _ => ToolResult.Success("ok"));
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request("Hi")).ToListAsync();

        events[0].Should().BeOfType<TurnStartEvent>();
        events.OfType<ReasoningDeltaEvent>().Should().NotBeEmpty();
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Hello there");
        events.OfType<TextDeltaEvent>().Should().OnlyContain(e => e.RunId != null && e.RunId.StartsWith("run-"));
        events.OfType<StopEvent>().Should().ContainSingle().Which.FinishReason.Should().Be(ChatFinishReason.Stop);
        events.OfType<UsageEvent>().Should().ContainSingle().Which.Usage.Should().Be(new TokenUsage(20, 7) { StepCount = 1 });
        events.OfType<ErrorEvent>().Should().BeEmpty();

        var reply = await _harness.SavedReplyAsync();
        reply.Text.Should().Be("Hello there");
        reply.Completion.Should().Be(ReplyCompletion.Completed);
        reply.Usage!.InputTokens.Should().Be(20);
        reply.MessageId.Should().Be(((TurnStartEvent)events[0]).MessageId);
        _harness.Messages.GetUserMessages(_harness.Conversation.ConversationId).Should().ContainSingle().Which.Content.Should().Be("Hi");
        _harness.Tools.ToolSets.Should().ContainSingle().Which.IsReleased.Should().BeTrue();
        _harness.Errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task StreamAsync_ConsumerCancelsAfterThreeDeltas_PersistsPartialTextReleasesToolsAndAbortsUpstream()
    {
        var tokens = Enumerable.Range(0, 400).Select(i => $"t{i} ").ToArray();
        _harness.Emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(20);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(tokens).Build());
        var service = _harness.CreateService();
        using var cancel = new CancellationTokenSource();
        var seen = new List<string>();

        var act = async () =>
        {
            await foreach (var chatEvent in service.StreamAsync(_harness.Request(), cancel.Token))
            {
                if (chatEvent is TextDeltaEvent text)
                {
                    seen.Add(text.Delta);
                    if (seen.Count == 3)
                    {
                        await cancel.CancelAsync();
                    }
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        var reply = await _harness.SavedReplyAsync();
        reply.Completion.Should().Be(ReplyCompletion.Aborted);
        reply.Text.Should().Be(string.Concat(seen));
        _harness.Tools.ToolSets.Should().ContainSingle().Which.IsReleased.Should().BeTrue();
        await WaitUntilAsync(() => _harness.Emulator.SendsTo(_harness.TargetId).Count == 1);
        var send = _harness.Emulator.SendsTo(_harness.TargetId).Single();
        (send.Ended - send.Started).Should().BeLessThan(TimeSpan.FromSeconds(4), "the upstream request is aborted, not read to its 8 s end");
    }

    [Test]
    public async Task StreamAsync_ConsumerStopsReading_CompletesTheTurnAsAborted()
    {
        _harness.Emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(10);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Enumerable.Range(0, 200).Select(i => "w ").ToArray()).Build());
        var service = _harness.CreateService();

        await foreach (var chatEvent in service.StreamAsync(_harness.Request()))
        {
            if (chatEvent is TextDeltaEvent)
            {
                break;
            }
        }

        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Aborted);
        _harness.Tools.OpenCount.Should().Be(0);
    }

    [Test]
    public async Task StreamAsync_ConnectionDroppedMidStream_PersistsPartialTextAsFailedAndReportsWithContext()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("one ", "two ", "three ", "four ", "five").Build());
        _harness.Emulator.Faults.DropNextStreamAfter(4);
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        events[^1].Should().BeOfType<ErrorEvent>().Which.Message.Should().NotContain("Letta").And.NotContain(ChatHarness.ApiKey);
        var reply = await _harness.SavedReplyAsync();
        reply.Completion.Should().Be(ReplyCompletion.Failed);
        reply.Text.Should().Be(string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)));
        _harness.Errors.Reports.Should().ContainSingle().Which.Context.Should().Be($"conversation={_harness.Conversation.ConversationId}");
        _harness.Tools.OpenCount.Should().Be(0);
    }

    [Test]
    public async Task StreamAsync_Letta500BeforeTheFirstByte_EndsWithAnErrorEventAndAFailedReply()
    {
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 500, body: $$"""{"detail":"boom {{ChatHarness.ApiKey}}"}""");
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_http_500");
        (await _harness.SavedReplyAsync()).Should().Match<AssistantMessage>(r => r.Completion == ReplyCompletion.Failed && r.Text.Length == 0);
        var report = _harness.Errors.Reports.Should().ContainSingle().Subject;
        report.Message.Should().NotContain(ChatHarness.ApiKey);
        _harness.Tools.OpenCount.Should().Be(0);
    }

    [Test]
    public async Task StreamAsync_MalformedFrame_EndsWithAnErrorEventAndAFailedReply()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b", "c", "d").Build());
        _harness.Emulator.Faults.MalformNextStreamAt(3);
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_malformed_frame");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
    }

    [Test]
    public async Task StreamAsync_LettaReportsAnErrorInStream_FailsTheReplyWithoutLeakingItsText()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("partial ").Error("llm_timeout", "upstream provider timed out").Build());
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        var error = events.OfType<ErrorEvent>().Should().ContainSingle().Subject;
        error.ErrorType.Should().Be("llm_timeout");
        error.Message.Should().NotContain("provider");
        var reply = await _harness.SavedReplyAsync();
        reply.Completion.Should().Be(ReplyCompletion.Failed);
        reply.Text.Should().Be("partial ");
    }

    [Test]
    public async Task StreamAsync_ClientToolCall_RunsTheToolSendsTheResultBackAndKeepsStreaming()
    {
        _harness.Tools.DefineTool("lookup", ToolScope.Global, args => ToolResult.Success($"found {args}"));
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("lookup", """{"q":"x"}""", "call_1").Text("Done.").Build());
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ToolCallEvent>().Should().ContainSingle().Which.Should().Match<ToolCallEvent>(e => e.ToolName == "lookup" && e.ToolCallId == "call_1");
        events.OfType<ToolResultEvent>().Should().ContainSingle().Which.Output.Should().Be("""found {"q":"x"}""");
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Done.");
        _harness.Tools.Calls.Should().ContainSingle();
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
        _harness.Emulator.SendsTo(_harness.TargetId).Should().HaveCount(2, "the tool result goes back in a second request");
    }

    [Test]
    public async Task StreamAsync_ToolThrows_BecomesAnErrorResultForTheAgentNotACrash()
    {
        _harness.Tools.DefineTool("explode", ToolScope.Global, _ => throw new InvalidOperationException($"kaboom {ChatHarness.ApiKey}"));
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("explode", "{}").Text("Recovered.").Build());
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        var result = events.OfType<ToolResultEvent>().Should().ContainSingle().Subject;
        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("kaboom").And.NotContain(ChatHarness.ApiKey);
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Recovered.");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task StreamAsync_ToolStepLimitReached_AnswersFurtherCallsWithErrorsThenStops()
    {
        var runs = 0;
        _harness.Options.MaxToolSteps = 1;
        _harness.Tools.DefineTool("step", ToolScope.Global, _ => ToolResult.Success($"run {Interlocked.Increment(ref runs)}"));
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("step", "{}", "call_1").ClientToolCall("step", "{}", "call_2").ClientToolCall("step", "{}", "call_3").Text("never").Build());
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        runs.Should().Be(1);
        var results = events.OfType<ToolResultEvent>().ToList();
        results.Select(r => r.ToolCallId).Should().Equal("call_1", "call_2");
        results[1].IsError.Should().BeTrue();
        results[1].Output.Should().Contain("limit of 1 tool steps");
        events.OfType<StopEvent>().Last().StopReason.Should().Be("max_steps");
        events.OfType<TextDeltaEvent>().Should().BeEmpty();
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task StreamAsync_FiveMegabyteReplyConsumedSlowly_KeepsAtMostTheConfiguredEventsBuffered()
    {
        _harness.Options.StreamBufferCapacity = 8;
        _harness.Options.MaxPersistedTextLength = 8_000_000;
        var token = new string('x', 4096);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Enumerable.Repeat(token, 1280).ToArray()).Build());
        var service = _harness.CreateService();

        await using var stream = await service.StartAsync(_harness.Request());
        long received = 0;
        var read = 0;
        await foreach (var chatEvent in stream)
        {
            if (chatEvent is TextDeltaEvent text)
            {
                received += text.Delta.Length;
                if (++read % 64 == 0)
                {
                    await Task.Delay(5);
                }
            }
        }

        received.Should().Be(4096L * 1280);
        stream.PeakBufferedEvents.Should().BeInRange(1, 8);
        (await _harness.SavedReplyAsync()).Text.Length.Should().Be(4096 * 1280);
    }

    [TestCase(1, false)]
    [TestCase(2, true)]
    public async Task StartAsync_SmallestBufferCapacity_ReturnsTheStreamInsteadOfWaitingForever(int capacity, bool failUpstream)
    {
        _harness.Options.StreamBufferCapacity = capacity;
        if (failUpstream)
        {
            _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 500, body: """{"detail":"boom"}""");
        }

        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Hello"));
        var service = _harness.CreateService();

        var events = await service.StreamAsync(_harness.Request()).ToListAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        events[0].Should().BeOfType<TurnStartEvent>();
        (await _harness.SavedReplyAsync()).Completion.Should().Be(failUpstream ? ReplyCompletion.Failed : ReplyCompletion.Completed);
    }

    [Test]
    public async Task StreamAsync_SchedulerThrowsSomethingElseThanShutdown_SavesTheReplyInlineAndReleasesTheTools()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Hello"));
        _harness.Tools.DefineTool("search", ToolScope.Global, _ => ToolResult.Success("ok"));
        var lettaOptions = new Nosis.AgentRuntime.Letta.LettaOptions { BaseUrl = _harness.Emulator.BaseUrl, ApiKey = ChatHarness.ApiKey };
        var service = new AgentChatService(
            _harness.Resolver, _harness.Letta, _harness.Messages, _harness.Tools, new FailingScheduler(), _harness.Errors,
            Microsoft.Extensions.Options.Options.Create(_harness.Options), Microsoft.Extensions.Options.Options.Create(lettaOptions));

        var events = await service.StreamAsync(_harness.Request()).ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Hello");
        _harness.Messages.GetAssistantMessages(_harness.Conversation.ConversationId).Should().ContainSingle().Which.Text.Should().Be("Hello");
        _harness.Tools.OpenCount.Should().Be(0);
    }

    [Test]
    public async Task StreamAsync_LeaseLostMidReply_EndsTheEventsWithAnErrorNotASilentEnd()
    {
        _harness.Options.TurnLeaseDuration = TimeSpan.FromMilliseconds(300);
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("first").WaitFor(release.Task).Build());
        var leases = new LeaseTakenOnSignal();
        var service = _harness.CreateService(leases);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var stream = await service.StartAsync(_harness.Request());
        var events = new List<AgentChatEvent>();
        await foreach (var chatEvent in stream.WithCancellation(timeout.Token))
        {
            events.Add(chatEvent);
            if (chatEvent is TextDeltaEvent)
            {
                leases.Taken = true;
            }
        }

        release.SetResult();
        events.OfType<TextDeltaEvent>().Should().NotBeEmpty();
        events[^1].Should().BeOfType<ErrorEvent>("the reply was cut off, and the client must not take it for a whole one");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
    }

    [Test]
    public async Task StreamAsync_ReplyLongerThanTheCap_PersistsTheCappedTextWithAMarker()
    {
        _harness.Options.MaxPersistedTextLength = 1000;
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Enumerable.Repeat(new string('y', 100), 30).ToArray()).Build());
        var service = _harness.CreateService();

        await service.StreamAsync(_harness.Request()).ToListAsync();

        var reply = await _harness.SavedReplyAsync();
        reply.IsTruncated.Should().BeTrue();
        reply.Text.Length.Should().Be(1000);
        reply.Text.Should().EndWith("reply truncated]");
    }

    [Test]
    public async Task StartAsync_MessageStoreThrowsBeforeReturningItsTask_ReleasesTheToolsThatWereLoading()
    {
        var tools = new SlowToolLoader();
        var service = new AgentChatService(
            _harness.Resolver, _harness.Letta, new ThrowingMessageStore(), tools, _harness.Scheduler, _harness.Errors,
            Microsoft.Extensions.Options.Options.Create(_harness.Options),
            Microsoft.Extensions.Options.Options.Create(new Nosis.AgentRuntime.Letta.LettaOptions { BaseUrl = _harness.Emulator.BaseUrl, ApiKey = ChatHarness.ApiKey }));

        var act = () => service.StartAsync(_harness.Request());

        await act.Should().ThrowAsync<ArgumentException>();
        tools.Loaded.Should().NotBeNull();
        tools.Loaded!.IsReleased.Should().BeTrue("tools loaded in parallel with a failed save are released");
    }

    [Test]
    public async Task StartAsync_TargetNotRunOnThisSurface_IsRefusedBeforeTheToolsLoadOrLettaIsCalled()
    {
        var service = _harness.CreateService();
        var local = _harness.Request() with { Conversation = _harness.Conversation with { ExecutionTarget = ExecutionTarget.Local } };

        var act = () => service.StartAsync(local);

        await act.Should().ThrowAsync<UnsupportedExecutionTargetException>();
        _harness.Messages.GetAssistantMessages(_harness.Conversation.ConversationId).Should().ContainSingle("a refusal stores the user message and a failed marker")
            .Which.Completion.Should().Be(ReplyCompletion.Failed);
        _harness.Tools.Loads.Should().BeEmpty();
        _harness.Emulator.SendsTo(_harness.AgentId).Should().BeEmpty();
    }

    [Test]
    public async Task StartAsync_LettaAnswers409_ThrowsTheBusyErrorAndReleasesEverything()
    {
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 409, body: """{"detail":"Cannot send a new message: busy"}""");
        var service = _harness.CreateService();

        var act = () => service.StartAsync(_harness.Request());

        (await act.Should().ThrowAsync<AgentBusyException>()).Which.ConversationId.Should().Be(_harness.Conversation.ConversationId);
        _harness.Tools.OpenCount.Should().Be(0);
        var second = await service.StreamAsync(_harness.Request()).ToListAsync();
        second.OfType<StopEvent>().Should().ContainSingle("the turn was released, so the next one runs");
    }

    [Test]
    public async Task StreamAsync_TwoConcurrentTurnsOfOneConversation_NeverOverlapAtLetta()
    {
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("first").WaitFor(release.Task).Build());
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("second"));
        var service = _harness.CreateService();

        var first = await StartReadingAsync(service, "one");
        var second = service.StreamAsync(_harness.Request("two")).ToListAsync().AsTask();
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the second turn waits for the first");
        release.SetResult();
        await Task.WhenAll(first, second);

        _harness.Emulator.MaxConcurrentConversationSends(_harness.TargetId).Should().Be(1);
        _harness.Emulator.SendsTo(_harness.TargetId).Should().HaveCount(2);
    }

    [Test]
    public async Task StartAsync_EarlierTurnOutlastsTheWait_ThrowsTheBusyError()
    {
        _harness.Options.TurnWaitTimeout = TimeSpan.FromMilliseconds(300);
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("first").WaitFor(release.Task).Build());
        var service = _harness.CreateService();
        await using var first = await service.StartAsync(_harness.Request("one"));

        var act = () => service.StartAsync(_harness.Request("two"));

        await act.Should().ThrowAsync<AgentBusyException>();
        release.SetResult();
    }

    [Test]
    public async Task StreamAsync_TwoServiceInstancesSharingALease_NeverOverlapAtLetta()
    {
        var leases = new InMemoryTurnLeaseStore();
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("first").WaitFor(release.Task).Build());
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("second"));
        var one = _harness.CreateService(leases);
        var two = _harness.CreateService(leases);

        var first = await StartReadingAsync(one, "one");
        var second = two.StreamAsync(_harness.Request("two")).ToListAsync().AsTask();
        await Task.Delay(200);
        second.IsCompleted.Should().BeFalse("the other instance holds the lease");
        release.SetResult();
        await Task.WhenAll(first, second);

        _harness.Emulator.MaxConcurrentConversationSends(_harness.TargetId).Should().Be(1);
        leases.GetHolder(_harness.Conversation.ConversationId).Should().BeNull("both turns released the lease");
    }

    /// <summary>Starts a turn, waits for its first text delta (so it is surely sending), then reads the rest in the background.</summary>
    private async Task<Task<List<AgentChatEvent>>> StartReadingAsync(AgentChatService service, string text)
    {
        var stream = await service.StartAsync(_harness.Request(text));
        var events = stream.GetAsyncEnumerator();
        while (await events.MoveNextAsync() && events.Current is not TextDeltaEvent)
        {
        }

        return ReadRestAsync(stream, events);

        static async Task<List<AgentChatEvent>> ReadRestAsync(AgentChatStream stream, IAsyncEnumerator<AgentChatEvent> events)
        {
            var rest = new List<AgentChatEvent>();
            while (await events.MoveNextAsync())
            {
                rest.Add(events.Current);
            }

            await events.DisposeAsync();
            await stream.DisposeAsync();
            return rest;
        }
    }

    /// <summary>A store that validates synchronously and throws before it returns a task, as a non-async adapter may.</summary>
    private sealed class ThrowingMessageStore : IMessageStore
    {
        public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) =>
            throw new ArgumentException("The message is refused.", nameof(message));

        public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    /// <summary>A loader that takes a moment, so the failed save above happens while it is still loading.</summary>
    private sealed class SlowToolLoader : IToolLoader
    {
        public ToolSet? Loaded { get; private set; }

        public async Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
        {
            await Task.Delay(200, CancellationToken.None);
            Loaded = ToolSet.Empty;
            return Loaded;
        }
    }


    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().Should().BeTrue();
    }

    private sealed class FailingScheduler : IBackgroundScheduler
    {
        public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) =>
            ValueTask.FromException(new IOException("The work queue is unreachable."));
    }

    /// <summary>Grants every lease and renews it until the test says another process took it.</summary>
    private sealed class LeaseTakenOnSignal : ITurnLeaseStore
    {
        private volatile bool _taken;

        public bool Taken
        {
            get => _taken;
            set => _taken = value;
        }

        public Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default) =>
            Task.FromResult(true);

        public Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default) =>
            Task.FromResult(!_taken);

        public Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
