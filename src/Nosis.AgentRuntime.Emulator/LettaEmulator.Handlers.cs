using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>Request dispatch: auth, faults, then the agents and messages endpoints.</content>
public sealed partial class LettaEmulator
{
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var status = 0;
        try
        {
            await DispatchAsync(context, segments).ConfigureAwait(false);
            status = context.Response.StatusCode;
        }
        catch (StreamDroppedException)
        {
            status = 0;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _streamsAborted);
            status = 0;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _streamsAborted);
            status = 0;
        }
        finally
        {
            _requests.Enqueue(new EmulatedRequest(request.Method, path, request.QueryString.Value ?? string.Empty, request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null, status));
        }
    }

    private async Task DispatchAsync(HttpContext context, string[] segments)
    {
        var method = context.Request.Method;
        if (segments is ["v1", "health"] && HttpMethods.IsGet(method))
        {
            await WriteJsonAsync(context, 200, new JsonObject { ["version"] = "emulator", ["status"] = "ok" }).ConfigureAwait(false);
            return;
        }

        if (!IsAuthorized(context.Request))
        {
            await WriteJsonAsync(context, 401, WireFormat.Detail("Unauthorized")).ConfigureAwait(false);
            return;
        }

        if (_options.RejectSlashedAgentCreate && segments is ["v1", "agents"] && HttpMethods.IsPost(method) && context.Request.Path.Value!.EndsWith('/'))
        {
            await WriteJsonAsync(context, 404, new JsonObject { ["error"] = "Not Found" }).ConfigureAwait(false);
            return;
        }

        if (segments is ["v1", "conversations", ..])
        {
            await DispatchConversationAsync(context, segments).ConfigureAwait(false);
            return;
        }

        LettaEmulatorEndpoint? endpoint = (segments, method) switch
        {
            (["v1", "agents"], "POST") => LettaEmulatorEndpoint.CreateAgent,
            (["v1", "agents"], "GET") => LettaEmulatorEndpoint.ListAgents,
            (["v1", "agents", "count"], "GET") => null,
            (["v1", "agents", _], "GET") => LettaEmulatorEndpoint.GetAgent,
            (["v1", "agents", _], "DELETE") => LettaEmulatorEndpoint.DeleteAgent,
            (["v1", "agents", _, "messages"], "GET") => LettaEmulatorEndpoint.ListMessages,
            (["v1", "agents", _, "messages"], "POST") => LettaEmulatorEndpoint.SendMessage,
            (["v1", "agents", _, "messages", "stream"], "POST") => LettaEmulatorEndpoint.StreamMessage,
            (["v1", "agents", _, "messages", "cancel"], "POST") => LettaEmulatorEndpoint.CancelRun,
            (["v1", "runs"], "GET") => LettaEmulatorEndpoint.ListRuns,
            (["v1", "runs", _], "GET") => LettaEmulatorEndpoint.GetRun,
            (["v1", "runs", _, "stream"], "POST") => LettaEmulatorEndpoint.StreamRun,
            _ => null,
        };

        if (segments is ["v1", "agents", "count"] && HttpMethods.IsGet(method))
        {
            await WriteJsonAsync(context, 200, JsonValue.Create(_agents.Count)).ConfigureAwait(false);
            return;
        }

        if (endpoint is not { } known)
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail("Not Found")).ConfigureAwait(false);
            return;
        }

        if (known == LettaEmulatorEndpoint.CreateAgent)
        {
            Interlocked.Increment(ref _createCalls);
        }
        else if (known == LettaEmulatorEndpoint.DeleteAgent)
        {
            Interlocked.Increment(ref _deleteCalls);
        }

        if (await InjectedFaultAsync(context, known).ConfigureAwait(false))
        {
            return;
        }

        if (known is LettaEmulatorEndpoint.ListRuns or LettaEmulatorEndpoint.GetRun or LettaEmulatorEndpoint.StreamRun)
        {
            await DispatchRunsAsync(context, known, segments).ConfigureAwait(false);
            return;
        }

        var agentId = segments.Length > 2 ? segments[2] : null;
        if (agentId is not null && !WireFormat.IsAgentId(agentId))
        {
            await WriteJsonAsync(context, 422, new JsonObject
            {
                ["trace_id"] = string.Empty,
                ["detail"] = $"[{{'type': 'string_pattern_mismatch', 'loc': ('path', 'agent_id'), 'msg': \"String should match pattern '^agent-[a-fA-F0-9]{{8}}'\", 'input': '{agentId.Replace("'", string.Empty, StringComparison.Ordinal)}'}}]",
            }).ConfigureAwait(false);
            return;
        }

        switch (known)
        {
            case LettaEmulatorEndpoint.CreateAgent:
                await CreateAgentAsync(context).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.ListAgents:
                await ListAgentsAsync(context).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.GetAgent:
                await GetAgentAsync(context, agentId!).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.DeleteAgent:
                await DeleteAgentAsync(context, agentId!).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.SendMessage:
                await SendAsync(context, agentId!, streamEndpoint: false).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.StreamMessage:
                await SendAsync(context, agentId!, streamEndpoint: true).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.ListMessages:
                await ListMessagesAsync(context, agentId!).ConfigureAwait(false);
                break;
            case LettaEmulatorEndpoint.CancelRun:
                await DispatchRunsAsync(context, known, segments).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Applies the endpoint's injected latency, then its next injected status, if any; true when the status answered the request.</summary>
    private async Task<bool> InjectedFaultAsync(HttpContext context, LettaEmulatorEndpoint endpoint)
    {
        var latency = Faults.LatencyOf(endpoint);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.RequestAborted).ConfigureAwait(false);
        }

        if (!Faults.TryTakeStatus(endpoint, out var fault))
        {
            return false;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        var body = fault.Body ?? WireFormat.Detail(DefaultDetail(fault.StatusCode)).ToJsonString(WireFormat.JsonOptions);
        await WriteRawJsonAsync(context, fault.StatusCode, body).ConfigureAwait(false);
        return true;
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (string.IsNullOrEmpty(_options.ApiKey))
        {
            return true;
        }

        var authorization = request.Headers.Authorization.ToString();
        var bare = request.Headers["X-BARE-PASSWORD"].ToString();
        return FixedEquals(authorization, "Bearer " + _options.ApiKey) || FixedEquals(bare, "password " + _options.ApiKey);
    }

    private static bool FixedEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private async Task CreateAgentAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var model = (string?)StringOf(body["model"]);
        if (model is not null && !model.Contains('/', StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 400, WireFormat.Detail($"Model handle '{model}' must be in the form provider/model-name.")).ConfigureAwait(false);
            return;
        }

        var tags = body["tags"] is JsonArray tagArray ? tagArray.Select(t => StringOf(t)).OfType<string>().ToList() : [];
        var blocks = new JsonArray();
        if (body["memory_blocks"] is JsonArray requested)
        {
            foreach (var block in requested.OfType<JsonObject>())
            {
                blocks.Add(new JsonObject
                {
                    ["id"] = WireFormat.NewId("block"),
                    ["label"] = block["label"]?.DeepClone(),
                    ["value"] = block["value"]?.DeepClone(),
                    ["limit"] = block["limit"]?.DeepClone() ?? 100000,
                    ["description"] = block["description"]?.DeepClone(),
                    ["read_only"] = block["read_only"]?.DeepClone() ?? false,
                    ["metadata"] = block["metadata"]?.DeepClone() ?? new JsonObject(),
                });
            }
        }

        var metadata = body["metadata"] as JsonObject is { } given ? (JsonObject)given.DeepClone() : [];
        var fields = new JsonObject
        {
            ["agent_type"] = body["agent_type"]?.DeepClone() ?? "letta_v1_agent",
            ["system"] = body["system"]?.DeepClone() ?? "You are a helpful assistant.",
            ["description"] = body["description"]?.DeepClone(),
            ["model"] = model,
            ["embedding"] = body["embedding"]?.DeepClone(),
            ["timezone"] = body["timezone"]?.DeepClone() ?? "UTC",
            ["llm_config"] = new JsonObject
            {
                ["model"] = model?[(model.IndexOf('/', StringComparison.Ordinal) + 1)..] ?? "emulated",
                ["handle"] = model,
                ["model_endpoint_type"] = "openai",
                ["context_window"] = body["context_window_limit"]?.DeepClone() ?? 32000,
                ["max_tokens"] = 4096,
            },
            ["last_run_completion"] = null,
            ["last_stop_reason"] = null,
        };
        var name = StringOf(body["name"]) ?? $"emulated-agent-{Interlocked.Read(ref _sequence) + 1}";
        var agent = NewAgent(name, tags, blocks, metadata, _options.TimeProvider.GetUtcNow(), fields);
        _agents[agent.Id] = agent;
        Interlocked.Increment(ref _agentsCreated);

        if (Faults.TryTakeLostCreate(out var lost))
        {
            await LoseResponseAsync(context, lost).ConfigureAwait(false);
        }

        await WriteJsonAsync(context, 200, WireFormat.AgentJson(agent, IncludeSet.All)).ConfigureAwait(false);
    }

    /// <summary>Drops the response of a create that happened: a reset connection, or a stall until the caller gives up.</summary>
    private static async Task LoseResponseAsync(HttpContext context, LostResponseKind lost)
    {
        if (lost == LostResponseKind.Stall)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(60), context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        context.Abort();
        throw new StreamDroppedException();
    }

    private StoredAgent NewAgent(string name, List<string> tags, JsonArray blocks, JsonObject metadata, DateTimeOffset createdAt, JsonObject fields) => new()
    {
        AgentId = WireFormat.NewId("agent"),
        Name = name,
        Tags = tags,
        Blocks = blocks,
        Metadata = metadata,
        CreatedAt = createdAt,
        Sequence = Interlocked.Increment(ref _sequence),
        Fields = fields,
    };

    private async Task GetAgentAsync(HttpContext context, string agentId)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, WireFormat.AgentJson(agent, IncludeSet.From(context.Request))).ConfigureAwait(false);
    }

    private async Task ListAgentsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var tags = query["tags"].OfType<string>().ToList();
        var matchAll = string.Equals(query["match_all_tags"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var limit = int.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 50;
        var ascending = string.Equals(query["order"].ToString(), "asc", StringComparison.OrdinalIgnoreCase);
        var after = query["after"].ToString();
        var before = query["before"].ToString();

        IEnumerable<StoredAgent> agents = _agents.Values.Where(a => tags.Count == 0 || (matchAll ? tags.All(a.Tags.Contains) : tags.Any(a.Tags.Contains)));
        var ordered = (ascending
            ? agents.OrderBy(a => a.CreatedAt).ThenBy(a => a.Sequence)
            : agents.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Sequence)).ToList();
        if (!string.IsNullOrEmpty(after))
        {
            var index = ordered.FindIndex(a => a.Id == after);
            ordered = index < 0 ? ordered : ordered[(index + 1)..];
        }

        if (!string.IsNullOrEmpty(before))
        {
            var index = ordered.FindIndex(a => a.Id == before);
            ordered = index < 0 ? ordered : ordered[..index];
        }

        var include = IncludeSet.From(context.Request);
        var page = new JsonArray([.. ordered.Take(limit).Select(a => (JsonNode)WireFormat.AgentJson(a, include))]);
        await WriteJsonAsync(context, 200, page).ConfigureAwait(false);
    }

    private async Task DeleteAgentAsync(HttpContext context, string agentId)
    {
        if (!_agents.TryRemove(agentId, out _))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _agentsDeleted);
        ForgetConversationsOf(agentId);
        await WriteJsonAsync(context, 200, new JsonObject { ["message"] = $"Agent id={agentId} successfully deleted" }).ConfigureAwait(false);
    }

    private static string DefaultDetail(int statusCode) => statusCode switch
    {
        400 => "Bad request (injected by the emulator).",
        409 => "Cannot send a new message: the agent is busy (injected by the emulator).",
        429 => "Rate limit exceeded (injected by the emulator).",
        500 => "An unknown error occurred",
        502 => "Bad gateway (injected by the emulator).",
        503 => "Service unavailable (injected by the emulator).",
        504 => "Gateway timeout (injected by the emulator).",
        _ => $"Error {statusCode} (injected by the emulator).",
    };

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (node is JsonObject body)
            {
                return body;
            }
        }
        catch (JsonException)
        {
        }

        await WriteJsonAsync(context, 422, new JsonObject { ["trace_id"] = string.Empty, ["detail"] = "[{'type': 'json_invalid', 'loc': ('body',), 'msg': 'JSON decode error'}]" }).ConfigureAwait(false);
        return null;
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static Task WriteJsonAsync(HttpContext context, int status, JsonNode? body) =>
        WriteRawJsonAsync(context, status, body?.ToJsonString(WireFormat.JsonOptions) ?? "null");

    private static async Task WriteRawJsonAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}
