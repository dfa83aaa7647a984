using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>The runtime's whole turn (claim, gate, pipeline, persistence, UI stream) on Letta's real App Server, configured through DI.</summary>
public sealed class AppServerRuntimeTests : AppServerClientFixture
{
    private readonly List<string> _weatherCalls = [];
    private AppServerRuntimeHost _runtime = null!;

    [OneTimeSetUp]
    public async Task StartRuntimeHostAsync() =>
        _runtime = await AppServerRuntimeHost.StartAsync(Server.Url, Server.ModelHandle, AIFunctionFactory.Create(
            (string city) =>
            {
                lock (_weatherCalls)
                {
                    _weatherCalls.Add(city);
                }

                return $"Sunny, 21 C in {city}";
            },
            "lookup_weather",
            "The weather in a city."));

    [OneTimeTearDown]
    public async Task StopRuntimeHostAsync() => await _runtime.DisposeAsync();

    [TestCase("6")]
    [TestCase("7")]
    public async Task A_turn_with_a_host_tool_reads_in_the_real_ai_reader_as_it_is_stored(string major)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);
        var conversation = _runtime.NewConversation();
        Model.Enqueue(new ScriptedReply().Reasoning("I should look it up.").ToolCall("lookup_weather", """{"city":"Oslo"}""", "call_oslo_" + major))
            .Enqueue(new ScriptedReply().Text("It is sunny in Oslo, 21 degrees."));
        await using var endpoint = await UiStreamEndpoint.StartAsync(token => _runtime.Chat.StreamAsync(new AgentChatRequest(conversation, "Weather in Oslo?"), token));

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, "read-ui-message-stream.mjs", major, endpoint.Url);

        exitCode.Should().Be(0, "ai@{0} must read the stream; stderr: {1}", major, stderr);
        TestContext.Out.WriteLine(stdout);
        using var json = JsonDocument.Parse(stdout);
        var parts = json.RootElement.GetProperty("parts").EnumerateArray().ToList();
        string.Concat(parts.Where(p => Type(p) == "reasoning").Select(p => p.GetProperty("text").GetString())).Should().Be("I should look it up.");
        var tool = parts.Single(p => Type(p) == "tool-lookup_weather");
        tool.GetProperty("toolCallId").GetString().Should().Be("call_oslo_" + major);
        tool.GetProperty("state").GetString().Should().Be("output-available");
        tool.GetProperty("input").GetProperty("city").GetString().Should().Be("Oslo");
        tool.GetProperty("output").ToString().Should().Contain("Sunny, 21 C in Oslo");
        string.Concat(parts.Where(p => Type(p) == "text").Select(p => p.GetProperty("text").GetString())).Should().Be("It is sunny in Oslo, 21 degrees.");
        json.RootElement.GetProperty("errorTexts").GetArrayLength().Should().Be(0);

        var stored = await _runtime.StoredReplyAsync(conversation.ConversationId);
        stored.Completion.Should().Be(ReplyCompletion.Completed);
        stored.Text.Should().Be("It is sunny in Oslo, 21 degrees.");
        stored.Parts.Should().ContainEquivalentOf(new ReasoningPart("I should look it up."));
        stored.Parts!.OfType<ToolCallPart>().Should().ContainSingle(p => p.ToolCallId == "call_oslo_" + major && p.ToolName == "lookup_weather");
        stored.Parts!.OfType<ToolResultPart>().Should().ContainSingle(p => p.ToolCallId == "call_oslo_" + major && !p.IsError)
            .Which.Output.Should().Contain("Sunny, 21 C in Oslo");
        _weatherCalls.Should().Contain("Oslo", "the M.E.AI function ran in the host as the App Server's external tool");
    }

    [Test]
    public async Task Stopping_mid_reply_stores_the_text_so_far_as_stopped_and_the_next_turn_answers()
    {
        var conversation = _runtime.NewConversation();
        var hold = new ScriptedHold();
        Model.Enqueue(new ScriptedReply().Text("The first half").HoldUntilReleased(hold).Text(" and the rest."));

        await using var stream = await _runtime.Chat.StartAsync(new AgentChatRequest(conversation, "Tell me a long story."));
        var events = ReadAllAsync(stream);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(20));
        await Task.Delay(200);
        var claimed = conversation with { AgentId = await _runtime.Services.GetRequiredService<IAgentIdRegistry>().GetAgentIdAsync(conversation.ConversationId) };
        var stopped = await _runtime.Chat.StopAsync(claimed);
        hold.Release();
        var seen = await events;

        stopped.Should().BeTrue();
        seen.OfType<StopEvent>().Last().StopReason.Should().Be("cancelled");
        var stored = await _runtime.StoredReplyAsync(conversation.ConversationId);
        stored.Completion.Should().Be(ReplyCompletion.Stopped);
        stored.Text.Should().Be("The first half");

        Model.Enqueue(new ScriptedReply().Text("Back again."));
        var next = await ReadAllAsync(_runtime.Chat.StreamAsync(new AgentChatRequest(claimed, "Are you there?")));
        string.Concat(next.OfType<TextDeltaEvent>().Select(t => t.Delta)).Should().Be("Back again.");
        (await _runtime.StoredReplyAsync(conversation.ConversationId, 2)).Completion.Should().Be(ReplyCompletion.Completed);
    }

    private static string? Type(JsonElement part) => part.GetProperty("type").GetString();

    private static async Task<List<AgentChatEvent>> ReadAllAsync(IAsyncEnumerable<AgentChatEvent> events)
    {
        var list = new List<AgentChatEvent>();
        await foreach (var chatEvent in events)
        {
            list.Add(chatEvent);
        }

        return list;
    }
}
