using System.Text.Json.Nodes;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.Models;

namespace Nosis.AgentRuntime.AppServer.Tests;

/// <summary>
/// How the real App Server answers the scripted model's faults (an error status, a dropped stream), a stop mid-reply, and a built-in
/// tool call in <c>standard</c> mode. The App Server retries a retryable model failure itself (3 attempts, 1 s apart), as a new run.
/// </summary>
public sealed class AppServerFaultTests : AppServerFixture
{
    [SetUp]
    public void ClearQueue() => Model.ClearReplies();

    [Test]
    public async Task A_503_from_the_model_is_retried_with_a_retry_event_and_the_turn_ends_with_the_next_reply()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        Model.Enqueue(ScriptedReply.Failure(503, "The scripted model is overloaded.")).Enqueue(new ScriptedReply().Text("Second try."));
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Hello", "client-message-503"), "input_accepted", limit.Token);
        var finished = await WaitForTurnFinishedAsync(socket, mark, limit.Token);

        var deltas = TurnFrames.Deltas(socket, mark);
        deltas.OfType("event_message").Should().Contain(d => (string?)d["event_type"] == "retry");
        TurnFrames.AssistantText(deltas).Should().Be("Second try.");
        ((string?)finished["stop_reason"]).Should().Be("end_turn");
        TranscriptRecorder.Save("turn-model-503-retried", socket.Frames, Server, Model);
    }

    [Test]
    public async Task A_400_from_the_model_ends_the_turn_with_stop_reason_error_and_its_message()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        Model.Enqueue(ScriptedReply.Failure(400, "The scripted model rejects this."));
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Hello", "client-message-400"), "input_accepted", limit.Token);
        var finished = await WaitForTurnFinishedAsync(socket, mark, limit.Token);

        ((string?)finished["stop_reason"]).Should().Be("error");
        ((string?)finished["error"]).Should().Contain("The scripted model rejects this.");
        var deltas = TurnFrames.Deltas(socket, mark);
        deltas.OfType("error_message").Should().ContainSingle().Which["message"]!.ToString().Should().Contain("400");
        deltas.OfType("loop_error").Should().NotBeEmpty();
        TranscriptRecorder.Save("turn-model-400-error", socket.Frames, Server, Model);
    }

    [Test]
    public async Task A_stream_dropped_mid_reply_ends_that_run_with_llm_api_error_and_a_retry_run_finishes_the_turn()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        Model.Enqueue(new ScriptedReply().Text("Partial answer").DropConnection()).Enqueue(new ScriptedReply().Text("Whole answer."));
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Hello", "client-message-drop"), "input_accepted", limit.Token);
        var finished = await WaitForTurnFinishedAsync(socket, mark, limit.Token);

        var deltas = TurnFrames.Deltas(socket, mark);
        var firstRun = (string?)deltas.OfType("assistant_message").First()["run_id"];
        TurnFrames.AssistantText(deltas.Where(d => (string?)d["run_id"] == firstRun)).Should().Be("Partial answer");
        deltas.OfType("stop_reason").Should().Contain(d => (string?)d["run_id"] == firstRun && (string?)d["stop_reason"] == "llm_api_error");
        deltas.OfType("retry").Should().ContainSingle();
        TurnFrames.AssistantText(deltas.Where(d => (string?)d["run_id"] == (string?)finished["run_id"])).Should().Be("Whole answer.");
        ((string?)finished["run_id"]).Should().NotBe(firstRun);
        ((string?)finished["stop_reason"]).Should().Be("end_turn");
        TranscriptRecorder.Save("turn-model-stream-dropped", socket.Frames, Server, Model);
    }

    /// <remarks>
    /// The App Server answers the abort at once but ends the turn only when the model's stream moves on (its next chunk, or its end):
    /// it does not hang up on the model. While the scripted reply is held no <c>turn_finished</c> comes; released, the turn ends
    /// <c>cancelled</c> and the rest of the reply is not streamed.
    /// </remarks>
    [Test]
    public async Task An_abort_mid_reply_is_answered_at_once_and_ends_the_turn_as_cancelled_when_the_model_moves_on()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        var hold = new ScriptedHold();
        Model.Enqueue(new ScriptedReply().Text("Half of the").HoldUntilReleased(hold).Text(" reply, never shown."));
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Hello", "client-message-abort"), "input_accepted", limit.Token);
        await hold.Reached.WaitAsync(limit.Token);
        await socket.WaitForAsync(f => AppServerSocket.Type(f) == "stream_delta" && (string?)f["delta"]!["message_type"] == "assistant_message", mark, limit.Token);
        var aborted = await socket.RequestAsync(new JsonObject { ["type"] = "abort_message", ["runtime"] = runtime.DeepClone() }, "abort_message_response", limit.Token);
        var finishedWhileHeld = socket.Frames.Skip(mark).Any(f => AppServerSocket.Type(f.Frame) == "turn_finished");
        hold.Release();
        var finished = await WaitForTurnFinishedAsync(socket, mark, limit.Token);

        ((bool?)aborted["success"]).Should().BeTrue();
        ((bool?)aborted["aborted"]).Should().BeTrue();
        finishedWhileHeld.Should().BeFalse();
        ((string?)finished["stop_reason"]).Should().Be("cancelled");
        TurnFrames.Deltas(socket, mark).OfType("status").Should().Contain(d => (string?)d["message"] == "Interrupted");
        TurnFrames.AssistantText(TurnFrames.Deltas(socket, mark)).Should().Be("Half of the");
        TranscriptRecorder.Save("turn-aborted", socket.Frames, Server, Model);
    }

    [Test]
    public async Task In_standard_mode_a_built_in_tool_call_asks_the_controller_and_a_denial_runs_nothing()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token, mode: "standard");
        Model.Enqueue(new ScriptedReply().ToolCall("Bash", """{"command":"touch denied-marker","description":"Create a marker file"}"""))
            .Enqueue(new ScriptedReply().Text("Understood, I will not run it."));
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Make a marker file.", "client-message-bash"), "input_accepted", limit.Token);
        var ask = await socket.WaitForAsync(f => AppServerSocket.Type(f) == "control_request", mark, limit.Token);
        await socket.SendAsync(ProtocolCommands.ApprovalDenied(runtime, (string)ask["request_id"]!, "Not on this machine."), limit.Token);
        var finished = await WaitForTurnFinishedAsync(socket, mark, limit.Token);

        ((string?)ask["request"]!["subtype"]).Should().Be("can_use_tool");
        ((string?)ask["request"]!["tool_name"]).Should().Be("Bash");
        ((string?)ask["request"]!["input"]!["command"]).Should().Be("touch denied-marker");
        var deltas = TurnFrames.Deltas(socket, mark);
        deltas.OfType("tool_return_message").Should().ContainSingle().Which.Should().Match<JsonObject>(d => (string?)d["status"] == "error" && (string?)d["tool_return"] == "Not on this machine.");
        ((string?)finished["stop_reason"]).Should().Be("end_turn");
        File.Exists(Path.Combine(Server.WorkingDirectory, "denied-marker")).Should().BeFalse();
        TranscriptRecorder.Save("turn-built-in-tool-denied", socket.Frames, Server, Model);
    }

    private static Task<JsonObject> WaitForTurnFinishedAsync(AppServerSocket socket, int mark, CancellationToken cancellationToken) =>
        socket.WaitForAsync(f => AppServerSocket.Type(f) == "turn_finished", mark, cancellationToken);
}
