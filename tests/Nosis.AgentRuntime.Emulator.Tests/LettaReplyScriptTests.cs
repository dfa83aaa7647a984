using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

public sealed class LettaReplyScriptTests
{
    [TestCase("{\"replies\": [{\"match\": \"x\", \"steps\": [{\"sing\": \"la\"}]}]}", "replies[0].steps[0] has the unknown step 'sing'")]
    [TestCase("{\"replies\": [{\"match\": \"x\"}]}", "replies[0].steps must be an array")]
    [TestCase("{\"replies\": [{\"match\": \"(\", \"matchKind\": \"regex\", \"steps\": []}]}", "replies[0].match is not a valid regular expression")]
    [TestCase("{\"replies\": [{\"steps\": [{\"delayMs\": -5}]}]}", "replies[0].steps[0] must be a whole number of 0 or more")]
    [TestCase("{\"faults\": {\"failNext\": [{\"endpoint\": \"Nowhere\", \"status\": 503}]}}", "faults.failNext[0] names the unknown endpoint 'Nowhere'")]
    [TestCase("{\"replies\": [", "not valid JSON")]
    public void Parse_BadScript_SaysWhereAndWhy(string json, string expected)
    {
        var act = () => LettaReplyScript.Parse(json);

        act.Should().Throw<FormatException>().Which.Message.Should().Contain(expected);
    }

    [Test]
    public async Task ApplyTo_MatchingUserText_PlaysTheScriptedStepsEveryTimeAndFaultsOnce()
    {
        var script = LettaReplyScript.Parse("""
            {
              // Comments and trailing commas are allowed, for hand-written scripts.
              "replies": [
                { "match": "slow", "steps": [ { "trickleMs": 1 }, { "text": "one two three" } ] },
                { "match": "^fail$", "matchKind": "regex", "steps": [ { "error": { "type": "llm_rate_limit", "message": "Too many requests." } } ] },
              ],
              "faults": { "failNext": [ { "endpoint": "CreateAgent", "status": 503 } ] }
            }
            """);
        await using var emulator = await LettaEmulator.StartNewAsync();
        script.ApplyTo(emulator);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Stainless-Package-Version", "1.12.1");

        (await http.PostAsJsonAsync("/v1/agents/", new JsonObject())).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var created = await http.PostAsJsonAsync("/v1/agents/", new JsonObject());
        var agentId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        for (var i = 0; i < 2; i++)
        {
            (await SendAsync(http, agentId, "be SLOW please")).Should().Contain("\"content\":\"three\"");
        }

        (await SendAsync(http, agentId, "fail")).Should().Contain("event: error").And.Contain("llm_rate_limit");
        (await SendAsync(http, agentId, "something else")).Should().Contain("Echo: ");
    }

    private static async Task<string> SendAsync(HttpClient http, string agentId, string text)
    {
        using var response = await http.PostAsJsonAsync($"/v1/agents/{agentId}/messages/stream", new JsonObject
        {
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            ["stream_tokens"] = true,
        });
        return await response.Content.ReadAsStringAsync();
    }
}
