using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

public sealed class LettaStepTurnClientTests
{
    private static readonly AgentRuntimeOptions Options = new() { AgentModel = "openai/gpt-test" };

    [Test]
    public async Task StreamAsync_TextAndStop_StreamsOneStepAndRecordsTheRunAndFirstFrame()
    {
        var letta = new ScriptedLettaClient().Then(
            new LettaAssistantMessage("Hel") { Otid = "o1", RunId = "run-1" },
            new LettaAssistantMessage("lo") { Otid = "o1", RunId = "run-1" },
            new LettaStopReason("end_turn"),
            new LettaUsageStatistics { PromptTokens = 5, CompletionTokens = 2, StepCount = 1, RunId = "run-1" });
        var turn = TurnContexts.New();

        var events = await new LettaStepTurnClient(letta, Options).CollectAsync(turn);

        events.Should().SatisfyRespectively(
            e => e.Should().BeOfType<StepStartEvent>(),
            e => e.Should().Be(new TextDeltaEvent("o1", "Hel") { RunId = "run-1" }),
            e => e.Should().Be(new TextDeltaEvent("o1", "lo") { RunId = "run-1" }),
            e => e.Should().BeOfType<StopEvent>().Which.StopReason.Should().Be("end_turn"),
            e => e.Should().BeOfType<UsageEvent>().Which.Model.Should().Be("openai/gpt-test"),
            e => e.Should().BeOfType<StepFinishEvent>());
        turn.RunId.Should().Be("run-1");
        turn.HasLettaFrame.Should().BeTrue();
        turn.FirstFrame.IsCompletedSuccessfully.Should().BeTrue();
        letta.Requests.Should().ContainSingle().Which.Messages.Should().ContainSingle().Which.Should().Be(LettaInputMessage.User("Hello"));
    }

    [Test]
    public async Task StreamAsync_ApprovalRequestThenRequiresApproval_EndsWithThePendingCallsInsteadOfAStepFinish()
    {
        var letta = new ScriptedLettaClient().Then(
            new LettaApprovalRequestMessage([new LettaToolCall("call-1", "lookup", "{\"q\":")]),
            new LettaApprovalRequestMessage([new LettaToolCall("call-1", null, "1}")]),
            new LettaStopReason("requires_approval"));

        var events = await new LettaStepTurnClient(letta, Options).CollectAsync(TurnContexts.New());

        events.Should().NotContain(e => e is StepFinishEvent);
        events[^1].Should().BeOfType<PendingClientToolsEvent>().Which.Calls.Should().Equal(new PendingToolCall("call-1", "lookup", "{\"q\":1}"));
    }

    [Test]
    public async Task StreamAsync_ServerToolCallAndReturn_AnnouncesTheJoinedCallBeforeItsResult()
    {
        var letta = new ScriptedLettaClient().Then(
            new LettaToolCallMessage([new LettaToolCall("t1", "web_search", "{\"a\"")]),
            new LettaToolCallMessage([new LettaToolCall("t1", null, ":1}")]),
            new LettaToolReturnMessage("t1", "found", "success"),
            new LettaStopReason("end_turn"));

        var events = await new LettaStepTurnClient(letta, Options).CollectAsync(TurnContexts.New());

        events.OfType<ToolCallEvent>().Should().ContainSingle().Which.Should().Be(new ToolCallEvent("t1", "web_search", "{\"a\":1}"));
        events.IndexOf(events.OfType<ToolCallEvent>().Single()).Should().BeLessThan(events.IndexOf(events.OfType<ToolResultEvent>().Single()));
        events.OfType<ToolResultEvent>().Single().Output.Should().Be("found");
    }

    [Test]
    public async Task StreamAsync_ReturnOfAClientToolAlreadyReported_IsNotReportedAgain()
    {
        var letta = new ScriptedLettaClient().Then(new LettaToolReturnMessage("call-1", "42", "success"), new LettaStopReason("end_turn"));
        var turn = TurnContexts.New();
        turn.ReportedToolResults.Add("call-1");

        var events = await new LettaStepTurnClient(letta, Options).CollectAsync(turn);

        events.Should().NotContain(e => e is ToolCallEvent || e is ToolResultEvent);
    }

    [Test]
    public async Task StreamAsync_StreamWithoutStopReason_ThrowsIncomplete()
    {
        var letta = new ScriptedLettaClient().Then(new LettaAssistantMessage("partial"));

        var act = () => new LettaStepTurnClient(letta, Options).CollectAsync(TurnContexts.New());

        await act.Should().ThrowAsync<LettaStreamIncompleteException>();
    }

    [Test]
    public async Task StreamAsync_ErrorItem_ThrowsTheStreamFailureWithLettasErrorType()
    {
        var letta = new ScriptedLettaClient().Then(new LettaAssistantMessage("partial"), new LettaStreamError("overloaded") { ErrorType = "llm_error" });

        var act = () => new LettaStepTurnClient(letta, Options).CollectAsync(TurnContexts.New());

        (await act.Should().ThrowAsync<LettaStreamFailedException>()).Which.ErrorType.Should().Be("llm_error");
    }
}
