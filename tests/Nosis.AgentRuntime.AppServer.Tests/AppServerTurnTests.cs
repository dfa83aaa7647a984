using System.Text.Json.Nodes;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.Models;

namespace Nosis.AgentRuntime.AppServer.Tests;

/// <summary>
/// Letta's real App Server (letta-code 0.32.18), driven over a raw WebSocket, its model the scripted one. Frame shapes are those of
/// letta-code's <c>dist/types/types/protocol_v2.d.ts</c>; the transcripts of these steps are in tests/fixtures/appserver.
/// </summary>
public sealed class AppServerTurnTests : AppServerFixture
{
    [SetUp]
    public void ClearQueue() => Model.ClearReplies();

    [Test]
    public async Task An_agent_created_with_tags_and_the_scripted_model_is_listed_by_its_tag_until_deleted()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var tag = TurnFrames.NewTag();

        var created = await socket.RequestAsync(ProtocolCommands.AgentCreate("tagged", Server.ModelHandle, tag), "agent_create_response", limit.Token);
        var listed = await socket.RequestAsync(ProtocolCommands.AgentList(tag), "agent_list_response", limit.Token);
        var deleted = await socket.RequestAsync(ProtocolCommands.AgentDelete(AgentId(created)), "agent_delete_response", limit.Token);
        var listedAfter = await socket.RequestAsync(ProtocolCommands.AgentList(tag), "agent_list_response", limit.Token);

        ((bool)created["success"]!).Should().BeTrue();
        ((string?)created["agent"]!["model"]).Should().Be("openai-compatible/scripted");
        created["agent"]!["tags"]!.AsArray().Select(t => (string?)t).Should().Contain(tag);
        listed["agents"]!.AsArray().Select(a => (string?)a!["id"]).Should().Equal(AgentId(created));
        ((bool)deleted["success"]!).Should().BeTrue();
        listedAfter["agents"]!.AsArray().Should().BeEmpty();
        TranscriptRecorder.Save("agent-lifecycle", socket.Frames, Server, Model);
    }

    [Test]
    public async Task A_turn_streams_the_scripted_reasoning_and_text_between_input_accepted_and_turn_finished()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        Model.Enqueue(new ScriptedReply().Reasoning("Weighing the greeting.").Text("Hello from the scripted model."));
        var requestsBefore = Model.Requests.Count;
        var mark = socket.Frames.Count;

        var accepted = await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Hello there", "client-message-1"), "input_accepted", limit.Token);
        var finished = await socket.WaitForAsync(f => AppServerSocket.Type(f) == "turn_finished", mark, limit.Token);

        ((bool)accepted["accepted"]!).Should().BeTrue();
        ((string?)finished["stop_reason"]).Should().Be("end_turn");
        var deltas = TurnFrames.Deltas(socket, mark);
        string.Concat(deltas.OfType("reasoning_message").Select(d => (string?)d["reasoning"])).Should().Be("Weighing the greeting.");
        TurnFrames.AssistantText(deltas).Should().Be("Hello from the scripted model.");
        deltas.Where(d => (string?)d["message_type"] is "reasoning_message" or "assistant_message")
            .Should().OnlyContain(d => (string?)d["run_id"] == (string?)finished["run_id"] && d["seq_id"] != null);
        var request = Model.Requests[requestsBefore];
        request.LastUserText.Should().Be("Hello there");
        request.Stream.Should().BeTrue();
        request.IncludeUsage.Should().BeTrue();
        request.ToolNames.Should().Contain("Bash", "the agent's built-in tools are offered to the model");
        TranscriptRecorder.Save("turn-text-and-reasoning", socket.Frames, Server, Model);
    }

    [Test]
    public async Task A_scripted_call_of_a_controller_tool_reaches_the_controller_and_its_result_reaches_the_model()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var parameters = JsonNode.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""")!.AsObject();
        var tools = new JsonArray(ProtocolCommands.ExternalTool("lookup_weather", "The weather in a city.", parameters));
        var runtime = await StartRuntimeAsync(socket, limit.Token, tools);
        Model.Enqueue(new ScriptedReply().ToolCall("lookup_weather", """{"city":"Oslo"}""", "call_weather_1"))
            .Enqueue(new ScriptedReply().Text("It is sunny in Oslo."));
        var requestsBefore = Model.Requests.Count;
        var mark = socket.Frames.Count;

        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Weather in Oslo?", "client-message-2"), "input_accepted", limit.Token);
        var call = await socket.WaitForAsync(f => AppServerSocket.Type(f) == "external_tool_call_request", mark, limit.Token);
        await socket.SendAsync(ProtocolCommands.ExternalToolResult((string)call["request_id"]!, "Sunny, 21 °C"), limit.Token);
        var finished = await socket.WaitForAsync(f => AppServerSocket.Type(f) == "turn_finished", mark, limit.Token);

        ((string?)call["tool_name"]).Should().Be("lookup_weather");
        ((string?)call["tool_call_id"]).Should().Be("call_weather_1");
        ((string?)call["input"]!["city"]).Should().Be("Oslo");
        ((string?)finished["stop_reason"]).Should().Be("end_turn");
        var deltas = TurnFrames.Deltas(socket, mark);
        deltas.OfType("approval_request_message").Should().Contain(d => (string?)d["tool_call"]!["name"] == "lookup_weather");
        deltas.OfType("tool_return_message").Should().Contain(d => (string?)d["tool_return"] == "Sunny, 21 °C");
        TurnFrames.AssistantText(deltas).Should().Be("It is sunny in Oslo.");
        var requests = await Model.WaitForRequestsAsync(requestsBefore + 2, limit.Token);
        requests[requestsBefore].ToolNames.Should().Contain("lookup_weather");
        var followUp = requests[requestsBefore + 1].Messages;
        followUp.Should().Contain(m => m.Role == "assistant" && m.ToolCalls.Any(c => c.Name == "lookup_weather" && c.Id == "call_weather_1"));
        followUp.Should().Contain(m => m.Role == "tool" && m.ToolCallId == "call_weather_1" && m.Text == "Sunny, 21 °C");
        TranscriptRecorder.Save("turn-external-tool", socket.Frames, Server, Model);
    }

    [Test]
    public async Task The_conversation_history_lists_the_turn_newest_first_with_the_client_message_id_as_the_user_message_otid()
    {
        using var limit = Limit();
        await using var socket = await ConnectAsync(limit.Token);
        var runtime = await StartRuntimeAsync(socket, limit.Token);
        Model.Enqueue(new ScriptedReply().Reasoning("Remembering.").Text("Stored reply."));
        var mark = socket.Frames.Count;
        await socket.RequestAsync(ProtocolCommands.CreateMessage(runtime, "Keep this", "client-message-history"), "input_accepted", limit.Token);
        await socket.WaitForAsync(f => AppServerSocket.Type(f) == "turn_finished", mark, limit.Token);

        var history = await socket.RequestAsync(
            new JsonObject { ["type"] = "conversation_messages_list", ["conversation_id"] = runtime["conversation_id"]!.DeepClone() },
            "conversation_messages_list_response",
            limit.Token);

        ((bool)history["success"]!).Should().BeTrue();
        var messages = history["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
        messages.Select(m => (string?)m["message_type"]).Should().Equal("assistant_message", "reasoning_message", "user_message");
        TurnFrames.AssistantText(messages).Should().Be("Stored reply.");
        ((string?)messages[1]["reasoning"]).Should().Be("Remembering.");
        ((string?)messages[2]["otid"]).Should().Be("client-message-history");
        ((string?)messages[2]["content"]!.AsArray()[^1]!["text"]).Should().Be("Keep this");
        TranscriptRecorder.Save("conversation-messages-list", socket.Frames, Server, Model);
    }

    private static string AgentId(JsonObject created) => (string)created["agent"]!["id"]!;
}
