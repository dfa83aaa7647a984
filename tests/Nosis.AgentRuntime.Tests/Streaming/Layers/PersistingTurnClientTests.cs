using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

public sealed class PersistingTurnClientTests
{
    private const string Secret = "sk-persist-secret-5c";

    private InMemoryMessageStore _messages = null!;
    private InMemoryErrorReporter _errors = null!;
    private InMemoryToolLoader _tools = null!;
    private InMemoryBackgroundScheduler _scheduler = null!;

    [SetUp]
    public void SetUp()
    {
        _messages = new InMemoryMessageStore();
        _errors = new InMemoryErrorReporter();
        _tools = new InMemoryToolLoader();
        _scheduler = new InMemoryBackgroundScheduler(_errors);
    }

    [TearDown]
    public ValueTask TearDown() => _scheduler.DisposeAsync();

    [Test]
    public async Task StreamAsync_FinishedReply_AnnouncesItStoresItOnceWithUsageAndReleasesTheTools()
    {
        var inner = new ScriptedTurnClient().Then(
            new StepStartEvent(),
            new TextDeltaEvent("p", "Hel") { RunId = "run-1" },
            new TextDeltaEvent("p", "lo"),
            StopEvent.FromLetta("end_turn"),
            new UsageEvent(new TokenUsage(10, 3) { StepCount = 1 }),
            new UsageEvent(new TokenUsage(4, 1) { StepCount = 1 }),
            new StepFinishEvent());
        var turn = await NewTurnAsync();

        var events = await Layer(inner).CollectAsync(turn);

        events[0].Should().Be(new TurnStartEvent("msg_test"));
        events.Should().HaveCount(8);
        var saved = await SavedReplyAsync();
        saved.Text.Should().Be("Hello");
        saved.Completion.Should().Be(ReplyCompletion.Completed);
        saved.Usage.Should().Be(new TokenUsage(14, 4) { StepCount = 2 });
        saved.MessageId.Should().Be("msg_test");
        turn.Tools.IsReleased.Should().BeTrue();
        turn.Outcome.Should().Be(new TurnOutcome(ReplyCompletion.Completed, null, "end_turn", 5));
        _errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task StreamAsync_InnerFailsAfterText_EndsWithOneMaskedErrorStoresThePartialTextAndReportsItRedacted()
    {
        var failure = new LettaApiException(HttpStatusCode.BadGateway, "POST /v1/agents/a/messages/stream", $"upstream broke {Secret}");
        var inner = new ScriptedTurnClient().ThenThrow(failure, new StepStartEvent(), new TextDeltaEvent("p", "Part"));
        var turn = await NewTurnAsync();

        var events = await Layer(inner).CollectAsync(turn);

        events[^1].Should().Be(new ErrorEvent(TurnEnd.ReplyFailedText, "letta_http_502"));
        var saved = await SavedReplyAsync();
        saved.Text.Should().Be("Part");
        saved.Completion.Should().Be(ReplyCompletion.Failed);
        var report = _errors.Reports.Should().ContainSingle().Subject;
        report.Operation.Should().Be("stream-reply");
        report.Message.Should().StartWith("letta_http_502").And.NotContain(Secret);
        turn.Tools.IsReleased.Should().BeTrue();
    }

    [Test]
    public async Task StreamAsync_LettaConflictBeforeAnyFrame_ThrowsBusyAfterStoringTheFailedReply()
    {
        var inner = new ScriptedTurnClient().ThenThrow(new LettaConflictException("POST /v1/agents/a/messages/stream", "busy"), new StepStartEvent());
        var turn = await NewTurnAsync();

        var act = () => Layer(inner).CollectAsync(turn);

        await act.Should().ThrowAsync<AgentBusyException>();
        (await SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
        turn.Tools.IsReleased.Should().BeTrue();
    }

    [Test]
    public async Task StreamAsync_ConsumerStopsReading_StoresThePartialReplyAsAborted()
    {
        var inner = new ScriptedTurnClient().Then(new StepStartEvent(), new TextDeltaEvent("p", "Par"), new TextDeltaEvent("p", "tial"), StopEvent.FromLetta("end_turn"));
        var turn = await NewTurnAsync();

        await foreach (var chatEvent in Layer(inner).StreamAsync(turn, TurnContexts.UserInput()))
        {
            if (chatEvent is TextDeltaEvent)
            {
                break;
            }
        }

        var saved = await SavedReplyAsync();
        saved.Text.Should().Be("Par");
        saved.Completion.Should().Be(ReplyCompletion.Aborted);
        turn.Tools.IsReleased.Should().BeTrue();
    }

    [Test]
    public async Task StreamAsync_StopReasonError_StoresTheReplyAsFailedWithoutAnErrorEvent()
    {
        var inner = new ScriptedTurnClient().Then(new StepStartEvent(), new TextDeltaEvent("p", "x"), StopEvent.FromLetta("llm_api_error"), new StepFinishEvent());

        var events = await Layer(inner).CollectAsync(await NewTurnAsync());

        events.Should().NotContain(e => e is ErrorEvent);
        (await SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
    }

    private PersistingTurnClient Layer(IChatTurnClient inner)
    {
        var options = new AgentRuntimeOptions();
        var completer = new ReplyCompleter(_messages, _scheduler, _errors, SecretRedactor.ForSecret(Secret), options, TimeProvider.System, NullLogger.Instance);
        return new PersistingTurnClient(inner, completer, options);
    }

    private async Task<ChatTurnContext> NewTurnAsync() =>
        TurnContexts.New(await _tools.LoadToolsAsync(new ToolLoadRequest(new ConversationRuntime("c_layer", "u_1", "office_1"))));

    private async Task<AssistantMessage> SavedReplyAsync()
    {
        await _scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        return _messages.GetAssistantMessages("c_layer").Should().ContainSingle().Subject;
    }
}
