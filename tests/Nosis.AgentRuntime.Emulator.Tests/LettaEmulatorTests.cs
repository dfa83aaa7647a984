using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

public sealed class LettaEmulatorTests
{
    private const string ApiKey = "emulator-key-123";

    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        _http.DefaultRequestHeaders.Add("X-Stainless-Package-Version", "1.12.1");
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task StartAsync_NoUrls_ListensOnLoopbackFreePort()
    {
        _emulator.BaseUrl.Host.Should().Be("127.0.0.1");
        _emulator.BaseUrl.Port.Should().BePositive();
        using var health = await new HttpClient().GetAsync(new Uri(_emulator.BaseUrl, "/v1/health/"));
        health.StatusCode.Should().Be(HttpStatusCode.OK, "health is exempt from authentication");
    }

    [TestCase(null)]
    [TestCase("Bearer wrong")]
    public async Task AnyEndpoint_MissingOrWrongBearer_Answers401(string? authorization)
    {
        using var anonymous = new HttpClient { BaseAddress = _emulator.BaseUrl };
        if (authorization is not null)
        {
            anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await anonymous.GetAsync("/v1/agents/");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Be("{\"detail\":\"Unauthorized\"}");
    }

    [TestCase("/v1/agents/")]
    [TestCase("/v1/agents")]
    public async Task CreateAgent_EitherPathForm_Answers200WithAgentState(string path)
    {
        using var response = await PostJsonAsync(path, "{\"name\":\"a\",\"tags\":[\"t1\"],\"memory_blocks\":[{\"label\":\"human\",\"value\":\"v\",\"limit\":100}]}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var agent = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string)agent["id"]!).Should().MatchRegex("^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        ((string)agent["created_at"]!).Should().EndWith("+00:00");
        agent["tags"]!.AsArray().Select(t => (string)t!).Should().Equal("t1");
        agent["blocks"]![0]!["label"]!.GetValue<string>().Should().Be("human");
        agent["llm_config"].Should().NotBeNull();
        _emulator.CreateCalls.Should().Be(1);
    }

    [Test]
    public async Task GetAgent_Unknown_Answers404WithLettaDetail()
    {
        const string Id = "agent-00000000-0000-4000-8000-000000000000";
        using var response = await _http.GetAsync($"/v1/agents/{Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Be($"{{\"detail\":\"Agent with ID {Id} not found\"}}");
    }

    [Test]
    public async Task GetAgent_MalformedId_Answers422()
    {
        using var response = await _http.GetAsync("/v1/agents/not-an-agent");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task GetAgent_NoInclude_FollowsTheSdkVersionGate()
    {
        var id = _emulator.SeedAgent(["t"]);
        using var legacy = new HttpClient { BaseAddress = _emulator.BaseUrl };
        legacy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        legacy.DefaultRequestHeaders.UserAgent.ParseAdd("MyLib/1.0");

        var v1 = JsonNode.Parse(await _http.GetStringAsync($"/v1/agents/{id}"))!;
        var old = JsonNode.Parse(await legacy.GetStringAsync($"/v1/agents/{id}"))!;
        var included = JsonNode.Parse(await _http.GetStringAsync($"/v1/agents/{id}?include=agent.tags"))!;

        v1["tags"]!.AsArray().Should().BeEmpty();
        old["tags"]!.AsArray().Should().ContainSingle();
        included["tags"]!.AsArray().Should().ContainSingle();
    }

    [Test]
    public async Task SendMessage_StreamingFromLegacyCaller_Answers422()
    {
        var id = _emulator.SeedAgent([]);
        using var legacy = new HttpClient { BaseAddress = _emulator.BaseUrl };
        legacy.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        legacy.DefaultRequestHeaders.UserAgent.ParseAdd("MyLib/1.0");

        using var response = await legacy.PostAsync($"/v1/agents/{id}/messages", Json("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"streaming\":true}"));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).Should().Contain("only supported for SDK v1.0+ clients");
    }

    [Test]
    public async Task StreamMessage_FramesLikeLetta()
    {
        var id = _emulator.SeedAgent([]);
        _emulator.Replies.Enqueue(id, LettaReply.Create().Reasoning("Hmm, ok.").Text("Hello big world").Build());

        var frames = await StreamFramesAsync(id);

        frames.Should().OnlyContain(f => f.StartsWith("data: ", StringComparison.Ordinal));
        frames[^1].Should().Be("data: [DONE]");
        var messages = frames[..^1].Select(f => JsonNode.Parse(f["data: ".Length..])!).ToList();
        ((string)messages[0]["message_type"]!).Should().Be("ping");
        ((string)messages[0]["run_id"]!).Should().StartWith("run-");
        messages[^2]["stop_reason"]!.GetValue<string>().Should().Be("end_turn");
        messages[^1]["message_type"]!.GetValue<string>().Should().Be("usage_statistics");
        var text = messages.Where(m => (string?)m["message_type"] == "assistant_message").ToList();
        text.Select(m => (string)m["content"]!).Should().Equal("Hello ", "big ", "world");
        text.Select(m => (string)m["id"]!).Distinct().Should().ContainSingle();
        var reasoning = messages.First(m => (string?)m["message_type"] == "reasoning_message");
        ((string)reasoning["id"]!).Should().Be((string)text[0]["id"]!);
        ((string)reasoning["otid"]!).Should().NotBe((string)text[0]["otid"]!);
        ((string)text[0]["date"]!).Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$");
    }

    [Test]
    public async Task StreamMessage_ScriptedError_SendsErrorEvent()
    {
        var id = _emulator.SeedAgent([]);
        _emulator.Replies.Enqueue(LettaReply.Create().Error("llm_timeout", "slow model").Build());

        var frames = await StreamFramesAsync(id);

        frames.Should().Contain(f => f.StartsWith("event: error\ndata: {\"message_type\":\"error_message\"", StringComparison.Ordinal));
        frames.Should().NotContain(f => f.Contains("usage_statistics", StringComparison.Ordinal));
    }

    [Test]
    public async Task FailNext_FailsExactlyNCallsWithRetryAfter()
    {
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, count: 2, retryAfter: TimeSpan.FromSeconds(3));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await PostJsonAsync("/v1/agents/", "{}");
            statuses.Add(response.StatusCode);
            if (i == 0)
            {
                response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
            }
        }

        statuses.Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        (_emulator.CreateCalls, _emulator.AgentsCreated).Should().Be((3, 1));
    }

    [Test]
    public async Task SetLatency_DelaysTheEndpoint()
    {
        _emulator.Faults.SetLatency(LettaEmulatorEndpoint.ListAgents, TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        using var response = await _http.GetAsync("/v1/agents/");

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task LoseNextCreateResponse_CreatesTheAgentButDropsTheConnection()
    {
        _emulator.Faults.LoseNextCreateResponse();

        await FluentActions.Awaiting(() => PostJsonAsync("/v1/agents/", "{\"tags\":[\"lost\"]}")).Should().ThrowAsync<HttpRequestException>();

        _emulator.LiveAgentsTagged("lost").Should().ContainSingle();
    }

    [Test]
    public async Task TrickleDelay_SpacesTheFrames()
    {
        var id = _emulator.SeedAgent([]);
        _emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(40);
        _emulator.Replies.Enqueue(LettaReply.FromText("a b c"));
        var watch = Stopwatch.StartNew();

        var frames = await StreamFramesAsync(id);

        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(40 * (frames.Count - 1) * 0.8));
    }

    [Test]
    public async Task Counters_TrackCreatesDeletesAndLiveAgentsByTag()
    {
        var a = _emulator.SeedAgent(["x", "y"]);
        _emulator.SeedAgent(["y"]);
        using var deleted = await _http.DeleteAsync($"/v1/agents/{a}");
        using var again = await _http.DeleteAsync($"/v1/agents/{a}");

        (deleted.StatusCode, again.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.NotFound));
        (await deleted.Content.ReadAsStringAsync()).Should().Be($"{{\"message\":\"Agent id={a} successfully deleted\"}}");
        (_emulator.DeleteCalls, _emulator.AgentsDeleted).Should().Be((2, 1));
        _emulator.LiveAgentsTagged("y").Should().ContainSingle();
        _emulator.LiveAgentsTagged("x").Should().BeEmpty();
    }

    [Test]
    public async Task SendRecords_ShowWhetherSendsOverlapped()
    {
        var id = _emulator.SeedAgent([]);
        await StreamFramesAsync(id);
        await StreamFramesAsync(id);
        var sequential = _emulator.SendsTo(id);
        sequential.Should().HaveCount(2);
        sequential[0].Overlaps(sequential[1]).Should().BeFalse();
        _emulator.MaxConcurrentSends(id).Should().Be(1);

        var gate = new TaskCompletionSource();
        _emulator.Replies.Enqueue(LettaReply.Create().WaitFor(gate.Task).Text("one").Build());
        _emulator.Replies.Enqueue(LettaReply.Create().WaitFor(gate.Task).Text("two").Build());
        var first = StreamFramesAsync(id);
        var second = StreamFramesAsync(id);
        while (_emulator.MaxConcurrentSends(id) < 2)
        {
            await Task.Delay(10);
        }

        gate.SetResult();
        await Task.WhenAll(first, second);
        var concurrent = _emulator.SendsTo(id).Skip(2).ToList();
        concurrent[0].Overlaps(concurrent[1]).Should().BeTrue();
    }

    [Test]
    public async Task SendMessage_WhileApprovalPending_Answers409PendingApproval()
    {
        var id = _emulator.SeedAgent([]);
        _emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("lookup", "{}", "call_9").Build());
        await StreamFramesAsync(id);

        using var response = await _http.PostAsync($"/v1/agents/{id}/messages", Json("{\"messages\":[{\"role\":\"user\",\"content\":\"again\"}]}"));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!["code"]!.GetValue<string>().Should().Be("PENDING_APPROVAL");
    }

    private async Task<List<string>> StreamFramesAsync(string agentId)
    {
        using var response = await _http.PostAsync($"/v1/agents/{agentId}/messages/stream", Json("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream_tokens\":true}"));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var body = await response.Content.ReadAsStringAsync();
        body.Should().EndWith("\n\n");
        return [.. body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)];
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) => _http.PostAsync(path, Json(json));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
