using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>The reply script the worker sample's README shows makes the emulator call a tool, trickle a long reply, and fail.</summary>
public sealed class WorkerSampleReplyScriptTests
{
    [Test]
    public async Task ReadmeScript_WeatherLongAndFail_CallATool_TrickleAndFail()
    {
        var script = LettaReplyScript.Parse(await File.ReadAllTextAsync(FindScript()));
        await using var emulator = await LettaEmulator.StartNewAsync();
        script.ApplyTo(emulator);
        emulator.Faults.SetLatency(LettaEmulatorEndpoint.StreamMessage, TimeSpan.Zero);
        emulator.Replies.UseScript(script);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var created = await http.PostAsJsonAsync("/v1/agents/", new JsonObject());
        var agentId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var weather = await SendAsync(http, agentId, "What is the weather?");
        weather.Should().Contain("\"message_type\":\"tool_call_message\"").And.Contain("\"tool_returns\":[{\"type\":\"tool\",\"tool_return\":\"Sunny, 21 C\"");
        var trickled = await SendAsync(http, agentId, "Tell me something long");
        trickled.Split("\"message_type\":\"assistant_message\"").Length.Should().BeGreaterThan(20, "the long reply streams word by word");
        var failed = await SendAsync(http, agentId, "Please fail");
        failed.Should().Contain("event: error").And.Contain("\"error_type\":\"llm_timeout\"");
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

    private static string FindScript()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nosis.AgentRuntime.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new DirectoryNotFoundException("The repository root was not found."), "samples", "Nosis.AgentRuntime.Samples.WorkerHost", "emulator", "reply-script.json");
    }
}
