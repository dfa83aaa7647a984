using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Tests.Streaming;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>MCP tools in whole turns: the Letta emulator calls them through its client-tool flow, the runtime runs them through MCP.</summary>
public sealed class McpChatTurnTests
{
    private ChatHarness _harness = null!;
    private TestMcpServer _remote = null!;
    private string _marker = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harness = await ChatHarness.StartAsync();
        _harness.Options.Surface = ExecutionSurface.Desktop;
        _remote = await TestMcpServer.StartWithOnlyAsync("fail");
        _marker = StdioProcesses.NewMarker();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _harness.DisposeAsync();
        await _remote.DisposeAsync();
    }

    [Test]
    public async Task StreamAsync_AgentCallsAStdioTool_ResultIsStreamedSentBackAndTheReplyStored()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("echo", """{"message":"from the agent"}""", "call_echo_1")
            .Text("The tool answered.")
            .Build());

        var events = await RunTurnAsync();

        events.OfType<ToolCallEvent>().Should().ContainSingle(e => e.ToolCallId == "call_echo_1" && e.ToolName == "echo");
        var result = events.OfType<ToolResultEvent>().Should().ContainSingle().Subject;
        (result.ToolCallId, result.Output, result.IsError).Should().Be(("call_echo_1", "Echo: from the agent", false));
        var reply = await _harness.SavedReplyAsync();
        reply.Completion.Should().Be(ReplyCompletion.Completed);
        reply.Text.Should().Be("The tool answered.");
        await NoStdioProcessIsLeftAsync();
    }

    [Test]
    public async Task StreamAsync_RemoteToolFails_TheAgentGetsAnErrorResultAndTheTurnCompletes()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("fail", """{"reason":"quota"}""", "call_fail_1")
            .Text("Sorry.")
            .Build());

        var events = await RunTurnAsync();

        var result = events.OfType<ToolResultEvent>().Should().ContainSingle().Subject;
        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("cannot comply: quota");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
        await NoStdioProcessIsLeftAsync();
    }

    [Test]
    public async Task StreamAsync_AServerDoesNotStart_IsReportedAndTheTurnGoesOnWithTheOthers()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("echo", """{"message":"still here"}""").Text("ok").Build());

        var events = await RunTurnAsync(o => o.Servers["broken"] = new McpServerOptions { Scope = ToolScope.Local, Command = "/nonexistent/mcp" });

        events.OfType<ToolResultEvent>().Single().Output.Should().Be("Echo: still here");
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
        _harness.Errors.Reports.Should().ContainSingle(r => r.Operation == "mcp-start-server" && r.Message.Contains("'broken'"));
        await NoStdioProcessIsLeftAsync();
    }

    [Test]
    public async Task StreamAsync_ClientAbortsWhileTheAgentWorks_NoStdioProcessIsLeft()
    {
        var never = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("echo", """{"message":"first"}""")
            .Text("working")
            .WaitFor(never.Task)
            .Text("never sent")
            .Build());
        var service = _harness.CreateService(tools: Loader());

        await foreach (var chatEvent in service.StreamAsync(LocalRequest()))
        {
            if (chatEvent is TextDeltaEvent)
            {
                StdioProcesses.WithMarker(_marker).Should().ContainSingle("the server runs while the turn does");
                break;
            }
        }

        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Aborted);
        await NoStdioProcessIsLeftAsync();
    }

    [Test]
    public async Task StreamAsync_LettaFailsAfterAToolCall_NoStdioProcessIsLeft()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("echo", """{"message":"before the failure"}""")
            .Error("llm_error", "The model provider failed.")
            .Build());

        var events = await RunTurnAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle();
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
        await NoStdioProcessIsLeftAsync();
    }

    [Test]
    public async Task StreamAsync_StepLimitReached_TheLastCallIsRefusedAndNoStdioProcessIsLeft()
    {
        _harness.Options.MaxToolSteps = 1;
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("echo", """{"message":"one"}""", "call_1")
            .ClientToolCall("echo", """{"message":"two"}""", "call_2")
            .Text("done")
            .Build());

        var events = await RunTurnAsync();

        var results = events.OfType<ToolResultEvent>().ToDictionary(e => e.ToolCallId);
        results["call_1"].Output.Should().Be("Echo: one");
        results["call_2"].IsError.Should().BeTrue();
        results["call_2"].Output.Should().Contain("limit of 1 tool steps");
        await NoStdioProcessIsLeftAsync();
    }

    private McpToolLoader Loader(Action<McpToolsOptions>? configure = null) => Loaders.Create(
        o =>
        {
            o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker);
            o.Servers["remote"] = Loaders.Http(_remote.Url, ToolScope.Global);
            configure?.Invoke(o);
        },
        _harness.Errors);

    private AgentChatRequest LocalRequest() => new(_harness.Conversation with { ExecutionTarget = ExecutionTarget.Local }, "Use your tools.");

    private async Task<List<AgentChatEvent>> RunTurnAsync(Action<McpToolsOptions>? configure = null)
    {
        var service = _harness.CreateService(tools: Loader(configure));
        return await service.StreamAsync(LocalRequest()).ToListAsync();
    }

    private async Task NoStdioProcessIsLeftAsync() =>
        (await StdioProcesses.WaitUntilGoneAsync(_marker, TimeSpan.FromSeconds(10))).Should().BeEmpty("the turn's release ends every stdio server");
}
