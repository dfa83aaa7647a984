using System.Net;
using System.Text.Json;
using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.AppServer;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker host sample as a real process with <c>Letta:Backend=AppServer</c>, against Letta's real App Server and a scripted model.</summary>
[NonParallelizable]
public sealed class WorkerHostAppServerTests
{
    private const string Token = "appserver-token";

    private ScriptedModelServer _model = null!;
    private LettaAppServerProcess _server = null!;
    private TestDatabase _database = null!;
    private WorkerHostProcess _worker = null!;
    private WorkerClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var (node, letta) = AppServerInstall.Require();
        _model = await ScriptedModelServer.StartAsync();
        _server = await LettaAppServerProcess.StartAsync(new LettaAppServerOptions { NodePath = node, LettaScriptPath = letta, ModelBaseUrl = _model.BaseUrl, ModelId = _model.ModelId });
        _database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        _worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(_database.Environment)
        {
            ["Letta__Backend"] = "AppServer",
            ["Letta__AppServer__Url"] = _server.Url.ToString(),
            ["Letta__AppServer__Model"] = _server.ModelHandle,
            [$"Auth__Tokens__{Token}"] = "alice",
        });
        _client = new WorkerClient(_worker.BaseUrl, Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        foreach (var resource in new IAsyncDisposable?[] { _worker, _database, _server, _model })
        {
            if (resource is not null)
            {
                await resource.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Chat_OnTheAppServer_StreamsToTheAiReaderAndStoresTheTranscript()
    {
        var node = NodeInterop.RequireNodeWith("ai6");
        _model.Enqueue(new ScriptedReply().Reasoning("A greeting.").Text("Hello from the App Server."));
        var id = (await _client.CreateConversationAsync(new { title = "App Server chat" })).GetProperty("id").GetString()!;

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(
            node, "read-ui-message-stream.mjs", "6", new Uri(_worker.BaseUrl, $"/api/conversations/{id}/chat").ToString(), $"Authorization: Bearer {Token}");

        exitCode.Should().Be(0, stderr + "\n" + _worker.Output);
        using var message = JsonDocument.Parse(stdout);
        string.Concat(message.RootElement.GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text")
            .Select(p => p.GetProperty("text").GetString())).Should().Be("Hello from the App Server.");
        var transcript = await WorkerHostEndToEndTests.WaitForMessagesAsync(_client, id, 2);
        transcript.Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString()))
            .Should().Equal(("user", "Hello"), ("assistant", "Hello from the App Server."));
        (await _client.GetAsync($"/api/conversations/{id}")).Json.GetProperty("agent_id").GetString().Should().StartWith("agent-local-");
    }

    [Test]
    public async Task Stop_OnTheAppServer_StopsTheRunningReplyWhichIsStoredAsStopped()
    {
        var hold = new ScriptedHold();
        _model.Enqueue(new ScriptedReply().Text("Once upon a time").HoldUntilReleased(hold).Text(" the end."));
        var id = (await _client.CreateConversationAsync(new { title = "Stopped chat" })).GetProperty("id").GetString()!;

        await using var chat = await ChatStreamReader.StartAsync(_worker.BaseUrl, Token, id, "Tell me a story.");
        (await chat.ReadUntilAsync("Once", TimeSpan.FromSeconds(30))).Should().BeTrue(chat.Read);
        await hold.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var stop = await _client.PostAsync($"/api/conversations/{id}/chat/stop", new { });
        hold.Release();
        var rest = await chat.ReadToEndAsync(TimeSpan.FromSeconds(30));

        stop.Status.Should().Be(HttpStatusCode.OK, stop.Text);
        stop.Json.GetProperty("stopped").GetBoolean().Should().BeTrue();
        rest.Should().Contain("\"stopped\":true").And.Contain("[DONE]");
        var transcript = await WorkerHostEndToEndTests.WaitForMessagesAsync(_client, id, 2);
        transcript[1].GetProperty("completion").GetString().Should().Be("stopped");
        transcript[1].GetProperty("content").GetString().Should().Be("Once upon a time");
    }
}
