using System.Text.Json;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer.Tests.Backend;

/// <summary>The App Server backend's client against Letta's real App Server (letta-code 0.32.18) and the scripted model.</summary>
public sealed class AppServerLettaClientTests : AppServerClientFixture
{
    [Test]
    public async Task An_agent_is_created_with_the_configured_model_found_by_its_tag_read_and_deleted_once()
    {
        using var limit = Limit();
        var tag = NewTag();

        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Name = "claimed", Tags = ["nosis-runtime", tag] }, limit.Token);
        var listed = await Client.ListAgentsAsync(new LettaAgentListQuery { Tags = [tag] }, limit.Token);
        var read = await Client.GetAgentAsync(agent.Id, limit.Token);
        var deleted = await Client.DeleteAgentAsync(agent.Id, limit.Token);
        var deletedAgain = await Client.DeleteAgentAsync(agent.Id, limit.Token);
        var readAfter = await Client.GetAgentAsync(agent.Id, limit.Token);

        agent.Model.Should().Be(Server.ModelHandle);
        agent.Tags.Should().Contain(tag);
        listed.Select(a => a.Id).Should().Equal(agent.Id);
        read!.Id.Should().Be(agent.Id);
        deleted.Should().BeTrue();
        deletedAgain.Should().BeFalse();
        readAfter.Should().BeNull();
    }

    [Test]
    public async Task A_turn_streams_reasoning_and_text_and_ends_with_the_turns_stop_reason()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        Model.Enqueue(new ScriptedReply().Reasoning("Considering it.").Text("Hello from the App Server."));

        var items = await ReadAllAsync(Client.StreamMessageAsync(agent.Id, UserMessage("Hello", "user-msg-1"), limit.Token));

        string.Concat(items.OfType<LettaReasoningMessage>().Select(r => r.Reasoning)).Should().Be("Considering it.");
        string.Concat(items.OfType<LettaAssistantMessage>().Select(a => a.Content)).Should().Be("Hello from the App Server.");
        items.OfType<LettaStopReason>().Select(s => s.StopReason).Should().Equal("end_turn");
        items.Last().Should().BeOfType<LettaStopReason>();
        items.OfType<LettaUsageStatistics>().Should().NotBeEmpty();
        var history = await Client.ListMessagesAsync(agent.Id, new LettaMessageListQuery { Limit = 10 }, limit.Token);
        history.OfType<LettaUserMessage>().Should().Contain(m => m.Otid == "user-msg-1", "the stored user message id travels as client_message_id");
    }

    [Test]
    public async Task A_host_tool_call_ends_the_step_with_an_approval_request_and_its_result_continues_the_same_turn()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        Model.Enqueue(new ScriptedReply().ToolCall("lookup_weather", """{"city":"Oslo"}""", "call_w1"))
            .Enqueue(new ScriptedReply().Text("Sunny in Oslo."));
        var request = UserMessage("Weather in Oslo?", "user-msg-2") with { ClientTools = [WeatherTool] };

        var first = await ReadAllAsync(Client.StreamMessageAsync(agent.Id, request, limit.Token));
        var answer = new LettaMessageRequest([new LettaApprovalInput([new LettaToolReturn("call_w1", "Sunny, 21 C", LettaToolReturnStatus.Success)])]) { ClientTools = [WeatherTool] };
        var second = await ReadAllAsync(Client.StreamMessageAsync(agent.Id, answer, limit.Token));

        var call = first.OfType<LettaApprovalRequestMessage>().Should().ContainSingle().Subject.ToolCalls.Should().ContainSingle().Subject;
        call.Should().Be(new LettaToolCall("call_w1", "lookup_weather", """{"city":"Oslo"}"""));
        first.Last().Should().Be(new LettaStopReason("requires_approval"));
        second.OfType<LettaToolReturnMessage>().Should().Contain(r => r.ToolCallId == "call_w1");
        string.Concat(second.OfType<LettaAssistantMessage>().Select(a => a.Content)).Should().Be("Sunny in Oslo.");
        second.Last().Should().BeOfType<LettaStopReason>().Which.StopReason.Should().Be("end_turn");
        Model.Requests.Last().Messages.Should().Contain(m => m.Role == "tool" && m.Text == "Sunny, 21 C");
    }

    [Test]
    public async Task A_server_tool_asked_for_on_the_sandbox_target_is_denied_and_nothing_runs_on_the_server_machine()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        var marker = Path.Combine(Path.GetTempPath(), "nosis-sandbox-marker-" + Guid.NewGuid().ToString("N"));
        var command = JsonSerializer.Serialize(new { command = $"touch {marker}", description = "make a marker" });
        Model.Enqueue(new ScriptedReply().ToolCall("Bash", command, "call_bash_1")).Enqueue(new ScriptedReply().Text("I could not run it."));

        var items = await ReadAllAsync(Client.StreamMessageAsync(agent.Id, UserMessage("Touch a file.", "user-msg-3") with { ExecutionTarget = ExecutionTarget.Sandbox }, limit.Token));

        File.Exists(marker).Should().BeFalse("the sandbox target never runs a server tool");
        items.OfType<LettaToolCallMessage>().SelectMany(c => c.ToolCalls).Should().Contain(c => c.Name == "Bash", "the call is shown as a server tool call");
        items.OfType<LettaToolReturnMessage>().Should().Contain(r => r.ToolCallId == "call_bash_1" && r.Status == "error");
        items.Last().Should().BeOfType<LettaStopReason>().Which.StopReason.Should().Be("end_turn");
        Model.Requests[^2].ToolNames.Should().BeEmpty("the sandbox target offers the model none of the server's tools");
    }

    [Test]
    public async Task A_shared_scope_conversation_is_created_used_for_a_turn_and_archived()
    {
        using var limit = Limit();
        var agent = await Client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = [NewTag()] }, limit.Token);
        Model.Enqueue(new ScriptedReply().Text("In a thread of my own."));

        var conversation = await Client.CreateConversationAsync(agent.Id, new LettaCreateConversationRequest { Summary = "thread A" }, limit.Token);
        var items = await ReadAllAsync(Client.StreamConversationMessageAsync(conversation.Id, UserMessage("Hi", "user-msg-4"), limit.Token));
        var messages = await Client.ListConversationMessagesAsync(conversation.Id, 10, limit.Token);
        var archived = await Client.DeleteConversationAsync(conversation.Id, limit.Token);

        conversation.AgentId.Should().Be(agent.Id);
        string.Concat(items.OfType<LettaAssistantMessage>().Select(a => a.Content)).Should().Be("In a thread of my own.");
        messages.OfType<LettaAssistantMessage>().Should().NotBeEmpty();
        archived.Should().BeTrue();
        (await Client.GetConversationAsync("local-conv-999999", limit.Token)).Should().BeNull();
    }

    private static readonly LettaClientTool WeatherTool = new(
        "lookup_weather", "The weather in a city.", JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement);

    private static LettaMessageRequest UserMessage(string text, string id) => new([LettaInputMessage.User(text) with { Otid = id }]);

    private static async Task<List<LettaStreamItem>> ReadAllAsync(IAsyncEnumerable<LettaStreamItem> items)
    {
        var list = new List<LettaStreamItem>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
