using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Emulator.Tests.Fixtures;

/// <summary>What the emulator sent in one scenario: the raw SSE frames or body, and what the official-shaped client made of them.</summary>
public sealed record ScenarioOutput(IReadOnlyList<(string Event, JsonObject Data)> Frames, IReadOnlyList<object?> Typed, JsonNode? Body);

/// <summary>The scenarios behind the corpus fixtures, each played on the emulator over real HTTP: raw, and through <see cref="LettaClient"/>.</summary>
internal static class EmulatorScenarios
{
    private static readonly Dictionary<string, (LettaReply Reply, bool Tokens)> Streams = new()
    {
        ["token-text"] = (LettaReply.Create().ReasoningTokens("Reading the ", "message.").TextTokens("Hello ", "there.").Build(), true),
        ["step-text"] = (LettaReply.Create().Reasoning("The user says hello.").Text("Hello there, how can I help?").Build(), false),
        ["hidden-redacted"] = (LettaReply.Create().HiddenReasoning("redacted", "EmwKAhgBEgy3va3pzix").Text("Done.").Build(), true),
        ["hidden-omitted"] = (LettaReply.Create().HiddenReasoning("omitted").Text("Done.").Build(), true),
        ["token-server-tool"] = (LettaReply.Create().ServerToolCall("web_search", "{\"query\": \"oslo weather\"}", "Sunny, 21 C").Text("Sunny.").Build(), true),
        ["step-server-tool"] = (LettaReply.Create().ServerToolCall("web_search", "{\"query\": \"oslo weather\"}", "Sunny, 21 C").Text("Sunny.").Build(), false),
        ["step-parallel"] = (Parallel(isError: false), false),
        ["token-parallel"] = (Parallel(isError: false), true),
        ["step-parallel-failed"] = (LettaReply.Create().ParallelToolCalls(new("get_time", "{\"zone\": \"UTC\"}", "12:00"), new("get_date", "{}", "Error: no calendar", IsError: true)).Build(), false),
        ["token-client-tool"] = (LettaReply.Create().ClientToolCall("get_weather", "{\"city\": \"Oslo\"}", "call_w").Text("It is sunny.").Build(), true),
        ["step-client-tool"] = (LettaReply.Create().ClientToolCall("get_weather", "{\"city\": \"Oslo\"}", "call_w").Text("It is sunny.").Build(), false),
        ["max-steps"] = (LettaReply.Create().Text("Stopping.").StopReason("max_steps").Build(), true),
        ["usage-full"] = (LettaReply.Create().Text("Counted.").Usage(new LettaEmulatedUsage(1210, 48) { CachedInputTokens = 1024, CacheWriteTokens = 128, ReasoningTokens = 16, ContextTokens = 5400 }).Build(), true),
        ["error"] = (LettaReply.Create().Text("Partial").Error("llm_timeout", "The model took too long.").Build(), true),
        ["error-wrapper"] = (LettaReply.Create().Text("Partial").Error("internal_error", "Something broke mid-stream.", LettaStreamErrorShape.Wrapper).Build(), true),
        ["cancelled"] = (LettaReply.Create().Text("Partial").Cancelled().Build(), true),
        ["compaction"] = (LettaReply.Create().Compaction("Earlier: greetings.").ResponseState().TextTokens("Hello.").Build(), true),
    };

    public static async Task<ScenarioOutput> PlayAsync(string scenario)
    {
        var options = new LettaEmulatorOptions
        {
            PendingApprovalConflictShape = scenario == "pending-string" ? LettaConflictShape.DetailString : LettaConflictShape.DetailObject,
            RejectConcurrentSends = scenario == "busy",
        };
        await using var emulator = await LettaEmulator.StartNewAsync(options);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Add("X-Stainless-Package-Version", "1.12.1");
        var client = new LettaClient(http, new LettaOptions { BaseUrl = emulator.BaseUrl });
        return scenario switch
        {
            "token-client-tool-answered" => await AnsweredAsync(emulator, http, client),
            "pending-object" or "pending-string" => await PendingConflictAsync(emulator, http, client),
            "busy" => await BusyAsync(emulator, http, client),
            "deleted-agent" => await DeletedAsync(http, client),
            "agent-pending" or "agent-not-pending" => await PendingReadAsync(emulator, http, client, scenario == "agent-pending"),
            _ when scenario.StartsWith("conversation-", StringComparison.Ordinal) => await ConversationScenarios.PlayAsync(scenario, emulator, http, client),
            _ => await StreamAsync(emulator, http, client, Streams[scenario].Reply, Streams[scenario].Tokens),
        };
    }

    private static LettaReply Parallel(bool isError) =>
        LettaReply.Create().ParallelToolCalls(new("get_time", "{\"zone\": \"UTC\"}", "12:00"), new("get_date", "{}", "2026-08-13", isError)).Text("Noon.").Build();

    private static async Task<ScenarioOutput> StreamAsync(LettaEmulator emulator, HttpClient http, LettaClient client, LettaReply reply, bool tokens)
    {
        var raw = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        emulator.Replies.Enqueue(raw.Id, reply);
        var frames = await RawStreamAsync(http, raw.Id, UserBody(tokens));

        var typedAgent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        emulator.Replies.Enqueue(typedAgent.Id, reply);
        IReadOnlyList<object?> typed;
        if (tokens)
        {
            typed = await client.StreamMessageAsync(typedAgent.Id, LettaMessageRequest.FromUserText("hi")).ToListAsync();
        }
        else
        {
            var response = await client.SendMessageAsync(typedAgent.Id, LettaMessageRequest.FromUserText("hi"));
            typed = [.. response.Messages, response.StopReason, response.Usage];
        }

        return new ScenarioOutput(frames, typed, null);
    }

    private static async Task<ScenarioOutput> AnsweredAsync(LettaEmulator emulator, HttpClient http, LettaClient client)
    {
        var reply = LettaReply.Create().ClientToolCall("get_secret_code", "{}", "call_c").Text("The code is SECRET.").Build();
        var answer = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["type"] = "approval", ["approvals"] = new JsonArray(new JsonObject { ["type"] = "tool", ["tool_call_id"] = "call_c", ["tool_return"] = "SECRET", ["status"] = "success" }) }), ["stream_tokens"] = true };
        var raw = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        emulator.Replies.Enqueue(raw.Id, reply);
        await RawStreamAsync(http, raw.Id, UserBody(tokens: true));
        var frames = await RawStreamAsync(http, raw.Id, answer);

        var typedAgent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        emulator.Replies.Enqueue(typedAgent.Id, reply);
        await client.StreamMessageAsync(typedAgent.Id, LettaMessageRequest.FromUserText("hi")).ToListAsync();
        var typed = await client.StreamMessageAsync(typedAgent.Id, new LettaMessageRequest([new LettaApprovalInput([new LettaToolReturn("call_c", "SECRET", LettaToolReturnStatus.Success)])])).ToListAsync();
        return new ScenarioOutput(frames, typed, null);
    }

    private static async Task<ScenarioOutput> PendingConflictAsync(LettaEmulator emulator, HttpClient http, LettaClient client)
    {
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        emulator.Replies.Enqueue(agent.Id, LettaReply.Create().ClientToolCall("get_weather", "{}", "call_w").Build());
        await client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("hi")).ToListAsync();
        return await ConflictAsync(http, client, agent.Id);
    }

    private static async Task<ScenarioOutput> BusyAsync(LettaEmulator emulator, HttpClient http, LettaClient client)
    {
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        var release = new TaskCompletionSource();
        emulator.Replies.Enqueue(agent.Id, LettaReply.Create().Text("Working").WaitFor(release.Task).Build());
        await using var first = client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("long")).GetAsyncEnumerator();
        await first.MoveNextAsync();
        try
        {
            return await ConflictAsync(http, client, agent.Id);
        }
        finally
        {
            release.SetResult();
        }
    }

    private static async Task<ScenarioOutput> DeletedAsync(HttpClient http, LettaClient client)
    {
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        await client.DeleteAgentAsync(agent.Id);
        return await ConflictAsync(http, client, agent.Id);
    }

    private static async Task<ScenarioOutput> ConflictAsync(HttpClient http, LettaClient client, string agentId)
    {
        using var response = await http.PostAsJsonAsync($"/v1/agents/{agentId}/messages/stream", UserBody(tokens: true));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        object? typed;
        try
        {
            typed = await client.StreamMessageAsync(agentId, LettaMessageRequest.FromUserText("again")).ToListAsync();
        }
        catch (LettaApiException exception)
        {
            typed = exception;
        }

        return new ScenarioOutput([], [typed], body);
    }

    private static async Task<ScenarioOutput> PendingReadAsync(LettaEmulator emulator, HttpClient http, LettaClient client, bool pause)
    {
        var agent = await client.CreateAgentAsync(new LettaCreateAgentRequest());
        if (pause)
        {
            emulator.Replies.Enqueue(agent.Id, LettaReply.Create().ClientToolCall("get_weather", "{\"city\": \"Oslo\"}", "call_w").Build());
            await client.StreamMessageAsync(agent.Id, LettaMessageRequest.FromUserText("hi")).ToListAsync();
        }

        var body = await http.GetFromJsonAsync<JsonNode>($"/v1/agents/{agent.Id}?include=agent.pending_approval");
        return new ScenarioOutput([], [await client.GetPendingApprovalAsync(agent.Id)], body);
    }

    private static JsonObject UserBody(bool tokens) => new()
    {
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }),
        ["stream_tokens"] = tokens,
        ["include_pings"] = true,
        ["include_compaction_messages"] = true,
    };

    private static async Task<List<(string Event, JsonObject Data)>> RawStreamAsync(HttpClient http, string agentId, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync($"/v1/agents/{agentId}/messages/stream", body);
        response.EnsureSuccessStatusCode();
        var frames = new List<(string, JsonObject)>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync())
        {
            if (item.Data != "[DONE]")
            {
                frames.Add((item.EventType, (JsonObject)JsonNode.Parse(item.Data)!));
            }
        }

        return frames;
    }
}
