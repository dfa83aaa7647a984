using System.Net;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Tests.Letta;

/// <summary>The client against Letta Cloud as it answers today (issue #26), on the emulator over loopback.</summary>
public sealed class LettaClientCloudTests
{
    private const string ApiKey = "sk-cloud-7a6b5c4d3e2f-secret";
    private const string NotAdmitted = """{"errorCode":"cloud_api_shutting_down","admitted":false,"retryable":true}""";

    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey, RejectSlashedAgentCreate = true });
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl };
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task CreateAgentAsync_WhereTheSlashedRouteIs404_CreatesWithoutTheSlash()
    {
        var agent = await Client().CreateAgentAsync(new LettaCreateAgentRequest());

        agent.Id.Should().StartWith("agent-");
        _emulator.Requests.Should().ContainSingle(r => r.Method == "POST").Which.Path.Should().Be("/v1/agents");
    }

    [Test]
    public async Task StreamMessageAsync_ByDefault_SendsThroughTheAgentsDefaultConversation_AndTheDeprecatedRouteStaysAnOption()
    {
        var agent = await Client().CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.FromText("Through the conversation."));
        _emulator.Replies.Enqueue(LettaReply.FromText("Through the agent."));

        var viaConversation = await Client().StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("a")).ToListAsync();
        var viaAgent = await Client(o => o.StreamRoute = LettaStreamRoute.MessagesStream).StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("b")).ToListAsync();

        Text(viaConversation).Should().Be("Through the conversation.");
        Text(viaAgent).Should().Be("Through the agent.");
        _emulator.Requests.Where(r => r.Method == "POST" && r.Path.Contains("/messages", StringComparison.Ordinal)).Select(r => r.Path)
            .Should().Equal("/v1/conversations/default/messages", $"/v1/agents/{agent.Id}/messages/stream");
    }

    [Test]
    public async Task DeployRefusalNotAdmitted_IsSentAgainWithinItsBudget_ThenGivesUp()
    {
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, count: 1, retryAfter: TimeSpan.FromSeconds(1), body: NotAdmitted);
        (await Client().CreateAgentAsync(new LettaCreateAgentRequest())).Id.Should().StartWith("agent-");

        _emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, count: 3, retryAfter: TimeSpan.FromSeconds(1), body: NotAdmitted);
        var refused = await FluentActions.Awaiting(() => Client(o => o.MaxDeployRetries = 1).CreateAgentAsync(new LettaCreateAgentRequest())).Should().ThrowAsync<LettaApiException>();

        refused.Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        _emulator.Requests.Where(r => r.Method == "POST").Select(r => r.StatusCode).Should().Equal(503, 200, 503, 503);
    }

    [Test]
    public async Task ApprovalDecision_DeniedWithAReason_ReachesTheAgent()
    {
        var agent = await Client().CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("delete_file", "{\"path\":\"old.txt\"}", "call_d").Text("I left it.").Build());
        await Client().StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("Delete it.")).ToListAsync();

        var answer = new LettaMessageRequest([LettaApprovalInput.Decide(new LettaApprovalDecision("call_d", Approve: false, "Not today."))]);
        var reply = await Client().StreamMessageAsync(agent.Id, answer).ToListAsync();

        var result = reply.OfType<LettaToolReturnMessage>().Should().ContainSingle().Subject;
        (result.ToolCallId, result.IsError).Should().Be(("call_d", true));
        result.ToolReturn.Should().Contain("Not today.");
        Text(reply).Should().Be("I left it.");
    }

    [Test]
    public async Task ListMessagesAsync_WithAConversationId_ListsOnlyThatConversation()
    {
        var client = Client();
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        var conversation = await client.CreateConversationAsync(agent.Id, new LettaCreateConversationRequest());
        await client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("in the agent's own")).ToListAsync();
        await client.StreamConversationMessageAsync(conversation.Id, LettaMessageRequest.FromUserText("in the thread")).ToListAsync();

        var own = await client.ListMessagesAsync(agent.Id, new LettaMessageListQuery { OldestFirst = true });
        var thread = await client.ListMessagesAsync(agent.Id, new LettaMessageListQuery { OldestFirst = true, ConversationId = conversation.Id });

        own.OfType<LettaUserMessage>().Select(m => m.Content).Should().Equal("in the agent's own");
        thread.OfType<LettaUserMessage>().Select(m => m.Content).Should().Equal("in the thread");
        _emulator.Requests.Should().Contain(r => r.Query.Contains($"conversation_id={conversation.Id}", StringComparison.Ordinal));
    }

    private static string Text(IEnumerable<LettaStreamItem> items) => string.Concat(items.OfType<LettaAssistantMessage>().Select(m => m.Content));

    private LettaClient Client(Action<LettaOptions>? configure = null)
    {
        var options = new LettaOptions { BaseUrl = _emulator.BaseUrl, ApiKey = ApiKey };
        configure?.Invoke(options);
        return new LettaClient(_http, options);
    }
}
