using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

public sealed class ClientToolTurnClientTests
{
    private const string Secret = "sk-layer-secret-91";

    [Test]
    public async Task StreamAsync_StepWithoutPendingCalls_PassesTheEventsThroughAndCallsTheInnerLayerOnce()
    {
        var inner = new ScriptedTurnClient().Then(new StepStartEvent(), new TextDeltaEvent("p", "Hi"), StopEvent.FromLetta("end_turn"), new StepFinishEvent());

        var events = await Layer(inner, maxToolSteps: 2).CollectAsync(TurnContexts.New());

        events.Should().HaveCount(4).And.ContainSingle(e => e is TextDeltaEvent);
        inner.Inputs.Should().ContainSingle();
    }

    [Test]
    public async Task StreamAsync_PendingCall_RunsTheToolReportsItAndAnswersLettaInTheNextStep()
    {
        var tools = await ToolsAsync(new InMemoryToolLoader().DefineTool("add", ToolScope.Global, args => ToolResult.Success($"sum of {args}")));
        var inner = new ScriptedTurnClient()
            .Then(new StepStartEvent(), StopEvent.FromLetta("requires_approval"), Pending("call-1", "add", "{\"a\":1}"))
            .Then(new StepStartEvent(), new TextDeltaEvent("p", "Done"), StopEvent.FromLetta("end_turn"), new StepFinishEvent());
        var turn = TurnContexts.New(tools);

        var events = await Layer(inner, maxToolSteps: 2).CollectAsync(turn);

        events.Should().NotContain(e => e is PendingClientToolsEvent);
        events.OfType<ToolCallEvent>().Should().ContainSingle().Which.Should().Be(new ToolCallEvent("call-1", "add", "{\"a\":1}"));
        events.OfType<ToolResultEvent>().Should().ContainSingle().Which.Output.Should().Be("sum of {\"a\":1}");
        events.OfType<StepFinishEvent>().Should().HaveCount(2);
        inner.Inputs.Should().HaveCount(2);
        var answer = inner.Inputs[1].Should().ContainSingle().Which.Should().BeOfType<LettaApprovalInput>().Subject;
        answer.Approvals.Should().ContainSingle().Which.Should().Be(new LettaToolReturn("call-1", "sum of {\"a\":1}", LettaToolReturnStatus.Success));
        turn.ReportedToolResults.Should().Contain("call-1");
    }

    [Test]
    public async Task StreamAsync_StepLimitReached_AnswersOnceWithAnErrorThenStopsWithMaxSteps()
    {
        var tools = await ToolsAsync(new InMemoryToolLoader().DefineTool("loop", ToolScope.Global, _ => ToolResult.Success("again")));
        var inner = new ScriptedTurnClient()
            .Then(Pending("c1", "loop", "{}"))
            .Then(Pending("c2", "loop", "{}"))
            .Then(Pending("c3", "loop", "{}"));

        var events = await Layer(inner, maxToolSteps: 1).CollectAsync(TurnContexts.New(tools));

        inner.Inputs.Should().HaveCount(3);
        events.OfType<ToolResultEvent>().Select(r => (r.ToolCallId, r.IsError)).Should().Equal(("c1", false), ("c2", true));
        events.OfType<ToolResultEvent>().Last().Output.Should().Contain("limit of 1 tool steps");
        events[^1].Should().BeOfType<StopEvent>().Which.StopReason.Should().Be("max_steps");
    }

    [Test]
    public async Task StreamAsync_ToolThatThrowsOrIsMissing_AnswersWithARedactedErrorResult()
    {
        var tools = await ToolsAsync(new InMemoryToolLoader().DefineTool("explode", ToolScope.Global, _ => throw new InvalidOperationException($"kaboom {Secret}")));
        var inner = new ScriptedTurnClient()
            .Then(new PendingClientToolsEvent([new PendingToolCall("c1", "explode", "{}"), new PendingToolCall("c2", "absent", "{}")]))
            .Then(StopEvent.FromLetta("end_turn"), new StepFinishEvent());

        var events = await Layer(inner, maxToolSteps: 2).CollectAsync(TurnContexts.New(tools));

        var results = events.OfType<ToolResultEvent>().ToList();
        results.Should().HaveCount(2).And.OnlyContain(r => r.IsError);
        results[0].Output.Should().Contain("kaboom").And.NotContain(Secret);
        results[1].Output.Should().Contain("No tool named 'absent'");
    }

    private static ClientToolTurnClient Layer(IChatTurnClient inner, int maxToolSteps) => new(
        inner, new ClientToolRunner(SecretRedactor.ForSecret(Secret), NullLogger.Instance), new AgentRuntimeOptions { MaxToolSteps = maxToolSteps }, NullLogger.Instance);

    private static PendingClientToolsEvent Pending(string id, string name, string arguments) => new([new PendingToolCall(id, name, arguments)]);

    private static Task<ToolSet> ToolsAsync(InMemoryToolLoader loader) =>
        loader.LoadToolsAsync(new ToolLoadRequest(new ConversationRuntime("c_layer", "u_1", "office_1")));
}
