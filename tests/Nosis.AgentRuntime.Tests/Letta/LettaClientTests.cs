using System.Net;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Tests.Letta;

public sealed class LettaClientTests
{
    private const string ApiKey = "sk-test-9f1c2d3e4b5a6978-secret";

    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;
    private LettaClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        (_http, _client) = CreateClient(ApiKey);
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task RoundTrip_CreateListStreamDelete_BehavesLikeLetta()
    {
        var tag = "nosis-test:" + Guid.NewGuid().ToString("N");
        var created = await _client.CreateAgentAsync(new LettaCreateAgentRequest
        {
            Name = "round trip",
            MemoryBlocks = [new LettaMemoryBlock("human", "The user is a tester."), new LettaMemoryBlock("persona", "A terse assistant.")],
            Tags = [tag, "nosis-runtime"],
        });

        created.Id.Should().MatchRegex("^agent-[0-9a-f-]{36}$");
        created.CreatedAt.Should().NotBeNull();
        created.Blocks.Select(b => b.Label).Should().BeEquivalentTo("human", "persona");

        var listed = await _client.ListAgentsAsync(new LettaAgentListQuery { Tags = [tag] });
        listed.Should().ContainSingle().Which.Tags.Should().Contain(tag);

        _emulator.Replies.Enqueue(created.Id, LettaReply.Create().Reasoning("Let me think.").Text("Hello there, tester.").Usage(12, 5).Build());
        var items = await _client.StreamMessageAsync(created.Id, LettaMessageRequest.FromUserText("Hi")).ToListAsync();

        items[0].Should().BeOfType<LettaPing>().Which.RunId.Should().StartWith("run-");
        var deltas = items.OfType<LettaAssistantMessage>().ToList();
        deltas.Should().HaveCountGreaterThan(1, "tokens stream as deltas");
        string.Concat(deltas.Select(d => d.Content)).Should().Be("Hello there, tester.");
        deltas.Select(d => d.Id).Distinct().Should().ContainSingle("one LLM step shares one message id");
        deltas.Select(d => d.Otid).Distinct().Should().ContainSingle();
        items.OfType<LettaReasoningMessage>().First().Otid.Should().NotBe(deltas[0].Otid);
        items.OfType<LettaStopReason>().Single().StopReason.Should().Be("end_turn");
        var usage = items.OfType<LettaUsageStatistics>().Single();
        (usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens).Should().Be((12L, 5L, 17L));
        items[^1].Should().BeOfType<LettaUsageStatistics>();

        (await _client.DeleteAgentAsync(created.Id)).Should().BeTrue();
        (await _client.GetAgentAsync(created.Id)).Should().BeNull();
        (await _client.DeleteAgentAsync(created.Id)).Should().BeFalse();
    }

    [Test]
    public async Task Requests_SendHonestUserAgentAndExplicitInclude()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest { Tags = ["a", "b"] });
        await _client.GetAgentAsync(agent.Id);
        await _client.ListAgentsAsync(new LettaAgentListQuery { Tags = ["a", "b"], MatchAllTags = true, Limit = 5 });

        var requests = _emulator.Requests;
        requests.Should().OnlyContain(r => r.UserAgent == "Nosis.AgentRuntime/" + LettaClient.Version);
        requests.Single(r => r.Method == "GET" && r.Path == "/v1/agents/").Query.Should()
            .Contain("tags=a&tags=b").And.Contain("match_all_tags=true").And.Contain("limit=5").And.Contain("include=agent.tags");
        requests.Single(r => r.Method == "GET" && r.Path != "/v1/agents/").Query.Should().Contain("include=agent.tags");
    }

    [Test]
    public async Task ListAgentsAsync_AfterCursor_PagesUntilEmpty()
    {
        for (var i = 0; i < 5; i++)
        {
            await _client.CreateAgentAsync(new LettaCreateAgentRequest { Name = $"page {i}", Tags = ["paged"] });
        }

        var seen = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await _client.ListAgentsAsync(new LettaAgentListQuery { Tags = ["paged"], Limit = 2, After = after, OldestFirst = true });
            if (page.Count == 0)
            {
                break;
            }

            seen.AddRange(page.Select(a => a.Name!));
            after = page[^1].Id;
        }

        seen.Should().Equal("page 0", "page 1", "page 2", "page 3", "page 4");
    }

    [Test]
    public async Task StreamMessageAsync_YieldsItemsBeforeTheReplyEnds()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("first").WaitFor(gate.Task).TextTokens(" second").Build());

        await using var enumerator = _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")).GetAsyncEnumerator();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        LettaStreamItem item;
        do
        {
            (await enumerator.MoveNextAsync().AsTask().WaitAsync(timeout.Token)).Should().BeTrue();
            item = enumerator.Current;
        }
        while (item is not LettaAssistantMessage);

        ((LettaAssistantMessage)item).Content.Should().Be("first", "the first delta arrives while the server still holds the rest");
        gate.SetResult();
        var rest = new List<LettaStreamItem>();
        while (await enumerator.MoveNextAsync())
        {
            rest.Add(enumerator.Current);
        }

        rest.OfType<LettaAssistantMessage>().Single().Content.Should().Be(" second");
    }

    [Test]
    public async Task StreamMessageAsync_CallerCancels_AbortsTheHttpRequest()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        var never = new TaskCompletionSource();
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("partial").WaitFor(never.Task).Build());
        using var cancel = new CancellationTokenSource();

        var act = async () =>
        {
            await foreach (var item in _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go"), cancel.Token))
            {
                if (item is LettaAssistantMessage)
                {
                    await cancel.CancelAsync();
                }
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        await WaitUntilAsync(() => _emulator.StreamsAborted == 1);
        _emulator.SendsTo(agent.Id).Should().ContainSingle();
    }

    [TestCase(LettaStreamErrorShape.ErrorMessage, "llm_timeout", "The model timed out.")]
    [TestCase(LettaStreamErrorShape.Wrapper, null, "The model timed out.")]
    public async Task StreamMessageAsync_ErrorEvent_EndsWithTypedError(LettaStreamErrorShape shape, string? errorType, string message)
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("so far").Error("llm_timeout", message, shape).Build());

        var items = await _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")).ToListAsync();

        var error = items[^1].Should().BeOfType<LettaStreamError>().Subject;
        error.Message.Should().Be(message);
        error.ErrorType.Should().Be(errorType);
        items.OfType<LettaUsageStatistics>().Should().BeEmpty();
    }

    [Test]
    public async Task StreamMessageAsync_MalformedFrame_ThrowsWithFrameIndex()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Faults.MalformNextStreamAt(2);

        var act = () => _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")).ToListAsync().AsTask();

        var thrown = await act.Should().ThrowAsync<LettaStreamFormatException>();
        thrown.Which.FrameIndex.Should().Be(2);
        thrown.Which.Preview.Length.Should().BeLessThanOrEqualTo(32);
    }

    [Test]
    public async Task StreamMessageAsync_ConnectionDropped_ThrowsHttpRequestException()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Faults.DropNextStreamAfter(3);
        var received = new List<LettaStreamItem>();

        var act = async () =>
        {
            await foreach (var item in _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")))
            {
                received.Add(item);
            }
        };

        await act.Should().ThrowAsync<HttpRequestException>();
        received.Should().HaveCount(3);
    }

    [Test]
    public async Task ClientToolCall_PausesForApprovalThenContinuesWithTheResult()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().Text("Checking.").ClientToolCall("get_weather", "{\"city\":\"Oslo\"}", "call_1").Text("It is sunny.").Build());
        var tools = new[] { new LettaClientTool("get_weather", "Weather for a city.", JsonDocument.Parse("{\"type\":\"object\"}").RootElement) };

        var first = await _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("Weather?") with { ClientTools = tools }).ToListAsync();
        // Token mode: the approval request arrives in fragments of one message id, the tool name first, then argument pieces.
        var fragments = first.OfType<LettaApprovalRequestMessage>().Select(m => (m.Id, Call: m.ToolCalls.Single())).ToList();
        fragments.Should().HaveCountGreaterThan(1);
        fragments.Select(f => f.Id).Distinct().Should().ContainSingle();
        fragments.Select(f => f.Call.ToolCallId).Should().AllBe("call_1");
        fragments[0].Call.Name.Should().Be("get_weather");
        fragments.Skip(1).Select(f => f.Call.Name).Should().AllBeEquivalentTo((string?)null);
        string.Concat(fragments.Select(f => f.Call.Arguments)).Should().Be("{\"city\":\"Oslo\"}");
        first.OfType<LettaStopReason>().Single().StopReason.Should().Be("requires_approval");

        var answer = new LettaMessageRequest([new LettaApprovalInput([new LettaToolReturn("call_1", "sunny, 21 C", LettaToolReturnStatus.Success)])]) { ClientTools = tools };
        var second = await _client.StreamMessageAsync(agent.Id, answer).ToListAsync();

        var echo = second.OfType<LettaToolReturnMessage>().Single();
        (echo.ToolCallId, echo.ToolReturn, echo.IsError).Should().Be(("call_1", "sunny, 21 C", false));
        string.Concat(second.OfType<LettaAssistantMessage>().Select(m => m.Content)).Should().Be("It is sunny.");
        second.OfType<LettaStopReason>().Single().StopReason.Should().Be("end_turn");
    }

    [Test]
    public async Task SendMessageAsync_NonStreaming_ReturnsWholeMessages()
    {
        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().Reasoning("Thinking it over.").Text("One whole answer.").Build());

        var response = await _client.SendMessageAsync(agent.Id, LettaMessageRequest.FromUserText("Hi"));

        response.Messages.OfType<LettaAssistantMessage>().Single().Content.Should().Be("One whole answer.");
        response.Messages.OfType<LettaReasoningMessage>().Single().Reasoning.Should().Be("Thinking it over.");
        response.StopReason!.StopReason.Should().Be("end_turn");
        response.Usage!.TotalTokens.Should().BePositive();
    }

    [Test]
    public async Task Errors_BecomeTypedExceptionsWithTheServerMessage()
    {
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, retryAfter: TimeSpan.FromSeconds(2));
        var unavailable = await FluentActions.Awaiting(() => _client.CreateAgentAsync(new LettaCreateAgentRequest())).Should().ThrowAsync<LettaApiException>();
        unavailable.Which.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        unavailable.Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(2));
        unavailable.Which.IsTransient.Should().BeTrue();
        unavailable.Which.ServerMessage.Should().Contain("Service unavailable");

        _emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 402, body: "{\"error\":{\"type\":\"llm_insufficient_credits\",\"message\":\"Out of credits.\"}}");
        var credits = await FluentActions.Awaiting(() => _client.CreateAgentAsync(new LettaCreateAgentRequest())).Should().ThrowAsync<LettaApiException>();
        credits.Which.ServerMessage.Should().Be("Out of credits.");
        credits.Which.IsTransient.Should().BeFalse();

        var agent = await _client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.SendConversationMessage, 409, body: "{\"detail\":{\"code\":\"PENDING_APPROVAL\",\"message\":\"Waiting for approval.\",\"pending_request_id\":\"message-1\"}}");
        var busy = await FluentActions.Awaiting(() => _client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("x")).ToListAsync().AsTask()).Should().ThrowAsync<LettaConflictException>();
        (busy.Which.Code, busy.Which.ServerMessage).Should().Be(("PENDING_APPROVAL", "Waiting for approval."));
    }

    [Test]
    public async Task WrongApiKey_Gives401WithoutLeakingEitherKey()
    {
        const string WrongKey = "sk-wrong-0000-1111-2222-secret";
        var (http, client) = CreateClient(WrongKey);
        using (http)
        {
            var thrown = await FluentActions.Awaiting(() => client.GetAgentAsync("agent-00000000-0000-4000-8000-000000000000")).Should().ThrowAsync<LettaApiException>();

            thrown.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            thrown.Which.ServerMessage.Should().Be("Unauthorized");
            thrown.Which.ToString().Should().NotContain(WrongKey).And.NotContain(ApiKey);
        }
    }

    [Test]
    public async Task SlowServer_TimesOutWithTimeoutException()
    {
        var options = new LettaOptions { BaseUrl = _emulator.BaseUrl, ApiKey = ApiKey, RequestTimeout = TimeSpan.FromMilliseconds(200) };
        using var http = new HttpClient();
        var client = new LettaClient(http, options);
        _emulator.Faults.SetLatency(LettaEmulatorEndpoint.ListAgents, TimeSpan.FromSeconds(3));

        await FluentActions.Awaiting(() => client.ListAgentsAsync(new LettaAgentListQuery())).Should().ThrowAsync<TimeoutException>();
    }

    [Test]
    public async Task SilentStream_ThrowsTimeoutAfterTheIdleTimeout()
    {
        var options = new LettaOptions { BaseUrl = _emulator.BaseUrl, ApiKey = ApiKey, StreamIdleTimeout = TimeSpan.FromMilliseconds(300) };
        using var http = new HttpClient();
        var client = new LettaClient(http, options);
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("x").WaitFor(new TaskCompletionSource().Task).Build());

        await FluentActions.Awaiting(() => client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")).ToListAsync().AsTask()).Should().ThrowAsync<TimeoutException>();
    }

    [Test]
    public async Task StreamMessageAsync_CallerSlowerThanTheIdleTimeout_IsNotMistakenForASilentServer()
    {
        var options = new LettaOptions { BaseUrl = _emulator.BaseUrl, ApiKey = ApiKey, StreamIdleTimeout = TimeSpan.FromMilliseconds(300) };
        using var http = new HttpClient();
        var client = new LettaClient(http, options);
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b", "c").Build());

        var items = new List<LettaStreamItem>();
        await foreach (var item in client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("go")))
        {
            items.Add(item);
            if (items.Count == 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(800)); // the caller is busy; every frame already waits on the wire
            }
        }

        string.Concat(items.OfType<LettaAssistantMessage>().Select(m => m.Content)).Should().Be("abc");
        items.OfType<LettaStopReason>().Should().ContainSingle();
    }

    [Test]
    public async Task UnreachableServer_ThrowsHttpRequestException()
    {
        var options = new LettaOptions { BaseUrl = new Uri("http://127.0.0.1:1"), ApiKey = ApiKey };
        using var http = new HttpClient();
        var client = new LettaClient(http, options);

        var thrown = await FluentActions.Awaiting(() => client.GetAgentAsync("agent-00000000-0000-4000-8000-000000000000")).Should().ThrowAsync<HttpRequestException>();
        thrown.Which.ToString().Should().NotContain(ApiKey);
    }


    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(20);
        }
    }

    private (HttpClient Http, LettaClient Client) CreateClient(string apiKey)
    {
        var http = new HttpClient();
        return (http, new LettaClient(http, new LettaOptions { BaseUrl = _emulator.BaseUrl, ApiKey = apiKey }));
    }
}
