using System.Diagnostics;
using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>Turns against the answers Letta Cloud gives today (issue #26): deploy refusals, busy conversations, compaction, the deprecated agent route.</summary>
public sealed class CloudAnswersTests
{
    private const string NotAdmitted = """{"errorCode":"cloud_api_shutting_down","admitted":false,"retryable":true,"message":"Service temporarily unavailable. Please retry your request."}""";
    private const string Admitted = """{"errorCode":"cloud_api_shutting_down","admitted":true,"retryable":false,"message":"Service temporarily unavailable."}""";

    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ChatHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task DeployRefusalNotAdmitted_IsSentAgainAfterItsRetryAfter_AndTheTurnSucceeds()
    {
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 503, retryAfter: TimeSpan.FromSeconds(1), body: NotAdmitted);
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Back after the deploy."));
        var clock = Stopwatch.StartNew();

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "the client waits out Retry-After: 1");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Back after the deploy.");
        _harness.Emulator.Requests.Where(r => r.Path == _harness.SendPath).Select(r => r.StatusCode).Should().Equal(503, 200);
        _harness.Emulator.Runs().Should().ContainSingle("the refused request was never admitted, so only the second one ran");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task DeployRefusalOfAnAdmittedRequest_IsNeverSentAgain()
    {
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 503, retryAfter: TimeSpan.FromSeconds(1), body: Admitted);
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Must not play."));

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_http_503");
        _harness.Emulator.Requests.Count(r => r.Path == _harness.SendPath).Should().Be(1, "the server may have acted on an admitted request");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
    }

    [TestCase("""{"detail":"CONFLICT: Cannot send a new message: Another request (run_id=run-5b6c1d2e-8f90-4a1b-9c2d-3e4f5a6b7c8d) is currently being processed for this conversation. Please wait for it to complete."}""", "run-5b6c1d2e-8f90-4a1b-9c2d-3e4f5a6b7c8d", TestName = "BusyShape_RunIdInTheText_IsAgentBusy")]
    [TestCase("""{"detail":"CONFLICT: Cannot send a new message: Another request is currently being processed.","run_id":"run-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}""", "run-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", TestName = "BusyShape_RunIdAsAField_IsAgentBusy")]
    [TestCase("""{"error":"Conversation is busy with another active run."}""", null, TestName = "BusyShape_CloudErrorString_IsAgentBusy")]
    [TestCase("""{"detail":{"code":"CONVERSATION_BUSY","message":"Cannot send a new message: Another request is currently being processed for this conversation."}}""", null, TestName = "BusyShape_CodeObject_IsAgentBusy")]
    public async Task BusyShape_IsAgentBusy(string body, string? runId)
    {
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 409, count: 2, body: body); // refused, and refused again after the wait

        var refused = await FluentActions.Awaiting(() => _harness.CreateService().StartAsync(_harness.Request())).Should().ThrowAsync<AgentBusyException>();

        var conflict = refused.Which.InnerException.Should().BeOfType<LettaConflictException>().Subject;
        (conflict.Kind, conflict.BusyRunId).Should().Be((LettaConflictKind.Busy, runId));
    }

    [Test]
    public async Task ConcurrentSendInTheAgentsOwnConversation_IsRefusedByLettasLock_AsAgentBusy()
    {
        _harness.Options.TurnWaitTimeout = TimeSpan.FromSeconds(1);
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Text("Working").WaitFor(release.Task).Build());
        await using var first = _harness.Letta.StreamMessageAsync(_harness.AgentId, LettaMessageRequest.FromUserText("long")).GetAsyncEnumerator();
        await first.MoveNextAsync();
        try
        {
            var refused = await FluentActions.Awaiting(() => _harness.CreateService().StartAsync(_harness.Request())).Should().ThrowAsync<AgentBusyException>();
            refused.Which.InnerException.Should().BeOfType<LettaConflictException>().Which.Kind.Should().Be(LettaConflictKind.Busy);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public async Task BusyWithARunThatEnds_WaitsForItAndSendsOnce_NothingRunsTwice()
    {
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Text("First").WaitFor(release.Task).Build());
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Second turn."));
        var first = _harness.Letta.StreamMessageAsync(_harness.AgentId, LettaMessageRequest.FromUserText("long")).ToListAsync().AsTask();
        await WaitUntilAsync(() => _harness.Emulator.Runs().Count == 1);

        var turn = _harness.CreateService().StreamAsync(_harness.Request("next")).ToListAsync().AsTask();
        await WaitUntilAsync(() => _harness.Emulator.Requests.Any(r => r.Path.StartsWith("/v1/runs/", StringComparison.Ordinal)));
        release.SetResult();
        await first;
        var events = await turn;

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Second turn.");
        _harness.Emulator.Requests.Where(r => r.Path == _harness.SendPath).Select(r => r.StatusCode).Should().BeEquivalentTo([200, 409, 200], "the other send, the refused one, and the one sent after the run ended");
        _harness.Emulator.Runs().Should().HaveCount(2, "the refused send never ran");
    }

    [Test]
    public async Task TurnAbortedMidReply_CancelsItsLettaRun_SoTheNextTurnIsNotRefusedAsBusy()
    {
        var never = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Text("Started").WaitFor(never.Task).Build());
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Next turn."));
        using var abort = new CancellationTokenSource();
        var service = _harness.CreateService();

        var first = async () =>
        {
            await foreach (var chatEvent in service.StreamAsync(_harness.Request("first"), abort.Token))
            {
                if (chatEvent is TextDeltaEvent)
                {
                    await abort.CancelAsync(); // the client went away
                }
            }
        };
        await first.Should().ThrowAsync<OperationCanceledException>();

        await WaitUntilAsync(() => _harness.Emulator.CancelCalls == 1);
        var next = await service.StreamAsync(_harness.Request("second")).ToListAsync();

        string.Concat(next.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Next turn.");
        _harness.Emulator.Requests.Count(r => r.StatusCode == 409).Should().Be(0);
    }

    [Test]
    public async Task Compaction_IsShownAsADataPart_AndStoredInTheReplysParts()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Compaction("Earlier: the user said hello.").ResponseState().Text("Hello again.").Build());
        var output = new MemoryStream();

        await UiMessageStream.WriteAsync(_harness.CreateService().StreamAsync(_harness.Request()), output);

        var ui = Encoding.UTF8.GetString(output.ToArray());
        ui.Should().Contain("""{"type":"data-compaction","id":"c1","data":{"summary":"Earlier: the user said hello.","trigger":"context_window_exceeded"}}""");
        ui.Should().NotContain("response_state");
        var saved = await _harness.SavedReplyAsync();
        saved.Parts.Should().ContainSingle(p => p is OpaquePart).Which.Should().Be(new OpaquePart(
            "data-compaction", """{"type":"data-compaction","data":{"summary":"Earlier: the user said hello.","trigger":"context_window_exceeded"}}"""));
        saved.Text.Should().Be("Hello again.");
    }

    [Test]
    public async Task StreamDiesBeforeTheFirstChunk_AndTheConversationStreamHasNoRunYet_AsksAgainAndReadsTheWholeReplyOnce()
    {
        _harness.Options.BackgroundRuns = true;
        _harness.Options.StreamResumeDelay = TimeSpan.FromMilliseconds(20);
        _harness.Emulator.Faults.DropNextStreamAfter(0);
        _harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.StreamConversation, 404);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("one ", "two ", "three").Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("one two three");
        _harness.Emulator.Requests.Where(r => r.Path == _harness.ConversationStreamPath).Select(r => r.StatusCode).Should().Equal(404, 200);
        _harness.Emulator.Runs().Should().ContainSingle();
    }

    [Test]
    public async Task StreamDiesBeforeTheFirstChunk_OnTheDeprecatedAgentRoute_TheRunIsFoundAmongTheAgentsRuns_NotResubmitted()
    {
        await _harness.DisposeAsync();
        _harness = await ChatHarness.StartAsync(route: LettaStreamRoute.MessagesStream);
        _harness.Options.BackgroundRuns = true;
        _harness.Options.StreamResumeDelay = TimeSpan.FromMilliseconds(20);
        _harness.Emulator.Faults.DropNextStreamAfter(0);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("one ", "two ", "three").Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("one two three");
        _harness.Emulator.Runs().Should().ContainSingle();
        _harness.Emulator.Requests.Count(r => r.Path == _harness.SendPath).Should().Be(1);
        _harness.Emulator.Requests.Should().Contain(r => r.Path == "/v1/runs/" || r.Path == "/v1/runs");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().Should().BeTrue();
    }
}
