using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Emulator.Tests.Fixtures;

/// <summary>The corpus scenarios of Letta's Conversations API: what the emulator answers, raw and as the client reads it.</summary>
internal static class ConversationScenarios
{
    public static async Task<ScenarioOutput> PlayAsync(string scenario, LettaEmulator emulator, HttpClient http, LettaClient client)
    {
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        var created = await client.CreateConversationAsync(agent.Id, new LettaCreateConversationRequest { Description = "nosis-runtime nosis-creation:0f1e2d3c4b5a69788796a5b4c3d2e1f0 nosis-conversation:thread-1" });
        switch (scenario)
        {
            case "conversation-created":
                await client.StreamConversationMessageAsync(created.Id, LettaMessageRequest.FromUserText("hello")).ToListAsync();
                return new ScenarioOutput([], [await client.GetConversationAsync(created.Id)], await GetAsync(http, $"/v1/conversations/{created.Id}"));
            case "conversation-missing":
                await client.DeleteConversationAsync(created.Id);
                return new ScenarioOutput([], [await client.GetConversationAsync(created.Id)], await GetAsync(http, $"/v1/conversations/{created.Id}"));
            case "conversation-busy":
                var release = new TaskCompletionSource();
                emulator.Replies.Enqueue(created.Id, LettaReply.Create().Text("Working").WaitFor(release.Task).Build());
                await using (var first = client.StreamConversationMessageAsync(created.Id, LettaMessageRequest.FromUserText("long")).GetAsyncEnumerator())
                {
                    await first.MoveNextAsync();
                    try
                    {
                        using var response = await http.PostAsJsonAsync($"/v1/conversations/{created.Id}/messages", new { messages = new[] { new { role = "user", content = "again" } } });
                        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                        return new ScenarioOutput([], [await FailureOf(() => client.StreamConversationMessageAsync(created.Id, LettaMessageRequest.FromUserText("again")).ToListAsync().AsTask())], body);
                    }
                    finally
                    {
                        release.SetResult();
                    }
                }

            default: // conversation-idle-cancel
                using (var response = await http.PostAsync($"/v1/conversations/{created.Id}/cancel", null))
                {
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                    return new ScenarioOutput([], [await FailureOf(() => client.CancelConversationAsync(created.Id))], body);
                }
        }
    }

    private static async Task<JsonNode?> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<object?> FailureOf(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (LettaApiException exception)
        {
            return exception;
        }
    }
}
