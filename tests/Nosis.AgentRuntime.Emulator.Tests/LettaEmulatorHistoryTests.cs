using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>
/// The agent's message history as <c>list_messages</c> (letta/server/rest_api/routers/v1/agents.py) and
/// MessageManager.list_messages (letta/services/message_manager.py) serve it: cursors by position whatever the order, newest
/// first by default, the limit counting stored messages, and the sender's otid kept on the user message.
/// </summary>
public sealed class LettaEmulatorHistoryTests
{
    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;
    private string _agentId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync();
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl };
        _agentId = _emulator.SeedAgent(["history"]);
        foreach (var (text, otid) in new[] { ("one", "otid-1"), ("two", "otid-2"), ("three", "otid-3") })
        {
            _emulator.Replies.Enqueue(LettaReply.FromText($"reply {text}"));
            await SendAsync(text, otid);
        }
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task ListMessages_Defaults_NewestFirstWithTheOtidOfEachUserMessage()
    {
        var all = await ListAsync(string.Empty);

        all.Select(Type).Should().Equal("assistant_message", "user_message", "assistant_message", "user_message", "assistant_message", "user_message");
        all.Where(m => Type(m) == "user_message").Select(m => (string?)m["otid"]).Should().Equal("otid-3", "otid-2", "otid-1");
        all.Where(m => Type(m) == "assistant_message").Select(m => (string?)m["content"]).Should().Equal("reply three", "reply two", "reply one");
        all.Should().OnlyContain(m => m.ContainsKey("date") && m.ContainsKey("run_id") && !m.ContainsKey("is_err"), "LettaMessage fields, is_err only when true");
    }

    [Test]
    public async Task ListMessages_CursorsAndAscendingOrder_PageByPositionInTheHistory()
    {
        var oldestFirst = await ListAsync("?order=asc");
        var secondUser = (string)oldestFirst[2]["id"]!;

        var after = await ListAsync($"?order=asc&after={secondUser}&limit=1");
        var before = await ListAsync($"?before={secondUser}");

        after.Select(m => (string?)m["content"]).Should().Equal("reply two");
        before.Select(m => (string?)m["content"]).Should().Equal("reply one", "one");
    }

    [Test]
    public async Task ListMessages_UnknownCursorOrBadOrder_AnswerAsLettaDoes()
    {
        using var unknown = await _http.GetAsync($"/v1/agents/{_agentId}/messages?before=message-00000000-0000-0000-0000-000000000000");
        using var badOrder = await _http.GetAsync($"/v1/agents/{_agentId}/messages?order=sideways");
        using var noAgent = await _http.GetAsync($"/v1/agents/agent-{Guid.NewGuid():D}/messages");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("No message found with id");
        badOrder.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        noAgent.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task StreamCutMidReply_FinishRepliesAfterDisconnect_KeepsTheWholeReplyOtherwiseNothing()
    {
        foreach (var finish in new[] { true, false })
        {
            await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { FinishRepliesAfterDisconnect = finish });
            var agentId = emulator.SeedAgent(["cut"]);
            var release = new TaskCompletionSource();
            emulator.Replies.Enqueue(LettaReply.Create().Text("first half").WaitFor(release.Task).Text(" second half").Build());
            using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
            using (var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/agents/{agentId}/messages/stream") { Content = Body("cut me", "otid-cut") })
            using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line && !line.Contains("assistant_message", StringComparison.Ordinal))
                {
                }
            }

            release.SetResult();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (finish && emulator.HistoryOf(agentId).Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            var kept = emulator.HistoryOf(agentId).Select(m => JsonNode.Parse(m)!.AsObject()).ToList();
            if (finish)
            {
                kept.Select(m => (string?)m["content"]).Should().Equal("cut me", "first half second half");
            }
            else
            {
                kept.Should().BeEmpty("the reply stopped where its client left");
            }
        }
    }

    private async Task SendAsync(string text, string otid)
    {
        using var response = await _http.PostAsync($"/v1/agents/{_agentId}/messages/stream", Body(text, otid));
        await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<List<JsonObject>> ListAsync(string query)
    {
        using var response = await _http.GetAsync($"/v1/agents/{_agentId}/messages{query}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(m => m!.AsObject())];
    }

    private static StringContent Body(string text, string otid) => new(
        new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text, ["otid"] = otid }), ["stream_tokens"] = true }.ToJsonString(),
        Encoding.UTF8,
        new MediaTypeHeaderValue("application/json"));

    private static string? Type(JsonObject message) => (string?)message["message_type"];
}
