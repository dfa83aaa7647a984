using System.Net;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker host loads its tools through MCP: its own <c>worker-tools</c> server, over Streamable HTTP, with a sandbox scope.</summary>
[NonParallelizable]
public sealed class WorkerHostMcpToolsTests
{
    private const string Token = "mcp-token";

    private LettaEmulator _emulator = null!;
    private TestDatabase _database = null!;
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
            ["Logging__LogLevel__Microsoft.AspNetCore.Authentication"] = "Information", // where a failed login is logged
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
    public async Task Chat_AgentCallsCurrentTime_TheWorkerRunsItThroughItsMcpServerAndStreamsTheResult()
    {
        _emulator.Replies.Enqueue(LettaReply.Create()
            .ClientToolCall("current_time", "{}", "call_time_1")
            .Text("It is later than you think.")
            .Build());
        var conversation = await _client.CreateConversationAsync(new { title = "What time is it?" });
        var id = conversation.GetProperty("id").GetString();

        var reply = await _client.PostAsync($"/api/conversations/{id}/chat", new { content = "What time is it?" });

        reply.Status.Should().Be(HttpStatusCode.OK, _worker.Output);
        reply.Text.Should().Contain("\"type\":\"tool-output-available\"").And.Contain("\"toolCallId\":\"call_time_1\"");
        reply.Text.Should().MatchRegex("\"output\":\"20\\d\\d-\\d\\d-\\d\\dT", "the tool's ISO 8601 time came back through MCP");
        reply.Text.Should().NotContain("\"errorText\"");
        _worker.Output.Should().NotContain("was not authenticated", "the worker's calls to its own MCP endpoint carry the run's tool key, not a user token");
    }

    [Test]
    public async Task McpEndpoint_WithoutTheRunsKey_Refuses()
    {
        using var http = new HttpClient();
        using var content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await http.PostAsync(new Uri(_worker.BaseUrl, "/mcp/worker-tools"), content);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
