using System.Net;
using System.Text.Json;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>What the worker offers a browser front end besides the page: OpenAPI, readiness, CORS preflights and the history in UIMessage form.</summary>
[NonParallelizable]
public sealed class WorkerHostFrontDoorTests
{
    private const string Token = "front-door-token";
    private const string AllowedOrigin = "http://app.example.test";

    private TestDatabase _database = null!;
    private LettaEmulator _emulator = null!;
    private WorkerHostProcess _worker = null!;
    private WorkerClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        _emulator = await LettaEmulator.StartNewAsync();
        _worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(_database.Environment)
        {
            ["Letta__BaseUrl"] = _emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "carol",
            ["Cors__AllowedOrigins__0"] = AllowedOrigin,
        });
        _client = new WorkerClient(_worker.BaseUrl, Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task OpenApi_DescribesTheChatAndHistoryEndpointsWithTheirRefusals()
    {
        var document = (await _client.GetAsync("/openapi/v1.json")).Json;

        var chat = document.GetProperty("paths").GetProperty("/api/conversations/{id}/chat").GetProperty("post");
        chat.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        chat.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "404", "409", "413", "415", "502", "503"]);
        chat.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _).Should().BeTrue();
        document.GetProperty("paths").TryGetProperty("/api/conversations/{id}/ui-messages", out _).Should().BeTrue();
    }

    [Test]
    public async Task HealthReady_WithTheEmulatorAndAMigratedDatabase_IsHealthy()
    {
        var response = await _client.GetAsync("/health/ready");

        response.Status.Should().Be(HttpStatusCode.OK);
        response.Text.Should().Be("Healthy");
    }

    [TestCase(AllowedOrigin, true)]
    [TestCase("http://elsewhere.example.test", false)]
    public async Task ChatPreflight_AllowsOnlyTheConfiguredOrigins(string origin, bool allowed)
    {
        using var http = new HttpClient { BaseAddress = _worker.BaseUrl };
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/conversations/any/chat");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await http.SendAsync(preflight);

        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins).Should().Be(allowed);
        if (allowed)
        {
            origins.Should().Equal(origin);
        }
    }

    [Test]
    public async Task UiMessages_AfterAUseChatTurn_HoldsTheClientsIdAndTheReplyWithItsParts()
    {
        var id = (await _client.CreateConversationAsync(new { title = "History" })).GetProperty("id").GetString()!;
        _emulator.Replies.Enqueue(LettaReply.Create().Reasoning("Thinking.").Text("Answer.").Build());
        var chat = await _client.PostAsync($"/api/conversations/{id}/chat", new
        {
            id,
            trigger = "submit-message",
            messages = new[] { new { id = "client-msg-1", role = "user", parts = new[] { new { type = "text", text = "Question" } } } },
        });
        chat.Status.Should().Be(HttpStatusCode.OK, chat.Text);

        JsonElement history = default;
        for (var i = 0; i < 100 && (history.ValueKind != JsonValueKind.Array || history.GetArrayLength() < 2); i++)
        {
            await Task.Delay(50);
            history = (await _client.GetAsync($"/api/conversations/{id}/ui-messages")).Json;
        }

        history.GetArrayLength().Should().Be(2);
        history[0].GetProperty("id").GetString().Should().Be("client-msg-1");
        history[1].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("type").GetString()).Should().Equal("reasoning", "text");
        history[1].GetProperty("metadata").GetProperty("completion").GetString().Should().Be("completed");
    }
}
