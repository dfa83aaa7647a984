using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>
/// Runs, as letta/server/rest_api/routers/v1/runs.py and agents.py serve them: <c>GET /v1/runs/</c> with Letta's filters,
/// <c>GET /v1/runs/{run_id}</c>, <c>POST /v1/runs/{run_id}/stream</c> with <c>starting_after</c>, and
/// <c>POST /v1/agents/{agent_id}/messages/cancel</c>.
/// </content>
public sealed partial class LettaEmulator
{
    private readonly ConcurrentDictionary<string, StoredRun> _runs = new(StringComparer.Ordinal);
    private int _cancelCalls;

    /// <summary>Gets how many cancel calls reached the emulator.</summary>
    public int CancelCalls => Volatile.Read(ref _cancelCalls);

    /// <summary>Gets every run the emulator holds, oldest first.</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<EmulatedRun> Runs() => [.. _runs.Values.OrderBy(r => r.Sequence).Select(r => r.Snapshot())];

    /// <summary>Gets a run by id.</summary>
    /// <param name="runId">The run id.</param>
    /// <returns>A snapshot, or <see langword="null"/> when there is no such run.</returns>
    public EmulatedRun? Run(string runId) => _runs.TryGetValue(runId, out var run) ? run.Snapshot() : null;

    /// <summary>Waits until <paramref name="runId"/> has ended (completed, failed or cancelled).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ended run.</returns>
    public async Task<EmulatedRun> WaitForRunEndAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = _runs[runId];
        while (true)
        {
            run.After(long.MaxValue, out var ended, out var changed);
            if (ended)
            {
                return run.Snapshot();
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private StoredRun NewRun(string runId, string agentId, bool background)
    {
        var run = new StoredRun(runId, agentId, background, _options.TimeProvider.GetUtcNow(), Interlocked.Increment(ref _sequence));
        _runs[runId] = run;
        return run;
    }

    private Task DispatchRunsAsync(HttpContext context, LettaEmulatorEndpoint endpoint, string[] segments) => endpoint switch
    {
        LettaEmulatorEndpoint.ListRuns => ListRunsAsync(context),
        LettaEmulatorEndpoint.GetRun => GetRunAsync(context, segments[2]),
        LettaEmulatorEndpoint.StreamRun => StreamRunAsync(context, segments[2]),
        _ => CancelRunsAsync(context, segments[2]),
    };

    private async Task ListRunsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var agentIds = query["agent_ids"].OfType<string>().ToList();
        if (query["agent_id"].ToString() is { Length: > 0 } agentId)
        {
            agentIds = [agentId]; // "this will override agent_ids if provided"
        }

        var statuses = query["statuses"].OfType<string>().ToList();
        if (statuses.Count == 0 && IsTrueQuery(query["active"]))
        {
            statuses = ["created", "running"];
        }

        var background = query["background"].ToString() is { Length: > 0 } b ? string.Equals(b, "true", StringComparison.OrdinalIgnoreCase) : (bool?)null;
        var stopReason = query["stop_reason"].ToString();
        var conversationId = query["conversation_id"].ToString();
        var limit = int.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 1000) : 100;
        var ascending = IsTrueQuery(query["ascending"]) || string.Equals(query["order"].ToString(), "asc", StringComparison.OrdinalIgnoreCase);

        var runs = _runs.Values.Where(r =>
            (agentIds.Count == 0 || agentIds.Contains(r.AgentId))
            && (statuses.Count == 0 || statuses.Contains(r.Status))
            && (background is null || r.Background == background)
            && (stopReason.Length == 0 || r.StopReason == stopReason)
            && conversationId.Length == 0); // the emulator's runs belong to no Letta conversation
        var ordered = (ascending ? runs.OrderBy(r => r.Sequence) : runs.OrderByDescending(r => r.Sequence)).ToList();
        if (query["after"].ToString() is { Length: > 0 } after && ordered.FindIndex(r => r.Id == after) is var a and >= 0)
        {
            ordered = ordered[(a + 1)..];
        }

        if (query["before"].ToString() is { Length: > 0 } before && ordered.FindIndex(r => r.Id == before) is var i and >= 0)
        {
            ordered = ordered[..i];
        }

        await WriteJsonAsync(context, 200, new JsonArray([.. ordered.Take(limit).Select(r => (JsonNode)RunJson(r))])).ConfigureAwait(false);
    }

    private async Task GetRunAsync(HttpContext context, string runId)
    {
        if (!_runs.TryGetValue(runId, out var run))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail("Run not found")).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(context, 200, RunJson(run)).ConfigureAwait(false);
    }

    private async Task StreamRunAsync(HttpContext context, string runId)
    {
        var body = context.Request.ContentLength is 0 ? [] : await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (!_runs.TryGetValue(runId, out var run))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail("Run not found")).ConfigureAwait(false);
            return;
        }

        await TailRunAsync(context, run, body).ConfigureAwait(false);
    }

    /// <summary>Reads a found run's stream again (<c>starting_after</c>, <c>include_pings</c>): only a background run younger than three hours.</summary>
    private async Task TailRunAsync(HttpContext context, StoredRun run, JsonObject body)
    {
        if (!run.Background)
        {
            // LettaInvalidArgumentError, which the app answers with 400.
            await WriteJsonAsync(context, 400, WireFormat.Detail("Run was not created in background mode, so it cannot be retrieved.")).ConfigureAwait(false);
            return;
        }

        if (run.CreatedAt < _options.TimeProvider.GetUtcNow() - TimeSpan.FromHours(3))
        {
            await WriteJsonAsync(context, 410, WireFormat.Detail("Run was created more than 3 hours ago, and is now expired.")).ConfigureAwait(false);
            return;
        }

        var startingAfter = body["starting_after"] is JsonValue s && s.TryGetValue<long>(out var after) ? after : 0;
        var includePings = body["include_pings"] is not JsonValue p || !p.TryGetValue<bool>(out var pings) || pings;
        await TailAsync(context, run, startingAfter, includePings).ConfigureAwait(false);
    }

    private async Task CancelRunsAsync(HttpContext context, string agentId)
    {
        Interlocked.Increment(ref _cancelCalls);
        var body = context.Request.ContentLength is 0 ? [] : await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var runIds = (body["run_ids"] as JsonArray ?? []).Select(StringOf).OfType<string>().ToList();
        if (runIds.Count == 0)
        {
            runIds = [.. _runs.Values.Where(r => r.AgentId == agentId && r.IsActive).OrderByDescending(r => r.Sequence).Take(100).Select(r => r.Id)];
        }

        if (runIds.Count == 0)
        {
            // NoActiveRunsToCancelError, which the app answers with 409 (letta/server/rest_api/app.py).
            await WriteJsonAsync(context, 409, WireFormat.Detail($"No active runs to cancel for agent {agentId}")).ConfigureAwait(false);
            return;
        }

        var results = new JsonObject();
        foreach (var runId in runIds)
        {
            var found = _runs.TryGetValue(runId, out var run) && run.AgentId == agentId;
            if (found)
            {
                await run!.Cancellation.CancelAsync().ConfigureAwait(false);
            }

            results[runId] = found ? "cancelled" : "failed";
        }

        await WriteJsonAsync(context, 200, results).ConfigureAwait(false);
    }

    /// <summary>Streams a background run's chunks after <paramref name="startingAfter"/>, then follows it live (redis_sse_stream_generator), with keepalive pings while it is silent.</summary>
    private async Task TailAsync(HttpContext context, StoredRun run, long startingAfter, bool includePings)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        var sse = new SseSink(context, Faults, trickle: false);
        var pings = new ReplyFrames(run.Id, _options.TimeProvider);
        var cursor = startingAfter;
        while (true)
        {
            var chunks = run.After(cursor, out var ended, out var changed);
            foreach (var (seqId, data) in chunks)
            {
                await sse.RawAsync(data, context.RequestAborted).ConfigureAwait(false);
                cursor = seqId;
                if (data.StartsWith("data: [DONE]", StringComparison.Ordinal))
                {
                    return;
                }
            }

            if (ended)
            {
                return;
            }

            var tick = Task.Delay(_options.PingInterval, _options.TimeProvider, context.RequestAborted);
            if (await Task.WhenAny(changed, tick).ConfigureAwait(false) == tick)
            {
                await tick.ConfigureAwait(false);
                if (includePings)
                {
                    await sse.MessageAsync(pings.Ping(), false, context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>A run as <c>Run</c> (letta/schemas/run.py) serializes it.</summary>
    private static JsonObject RunJson(StoredRun run) => new()
    {
        ["id"] = run.Id,
        ["status"] = run.Status,
        ["created_at"] = WireFormat.Timestamp(run.CreatedAt),
        ["completed_at"] = run.CompletedAt is { } completed ? WireFormat.Timestamp(completed) : null,
        ["agent_id"] = run.AgentId,
        ["conversation_id"] = null,
        ["base_template_id"] = null,
        ["background"] = run.Background,
        ["metadata"] = new JsonObject { ["run_type"] = "send_message_streaming" },
        ["request_config"] = new JsonObject { ["use_assistant_message"] = true, ["include_return_message_types"] = null },
        ["stop_reason"] = run.StopReason,
        ["callback_url"] = null,
        ["callback_sent_at"] = null,
        ["callback_status_code"] = null,
        ["callback_error"] = null,
        ["ttft_ns"] = null,
        ["total_duration_ns"] = null,
    };

    private static bool IsTrueQuery(Microsoft.Extensions.Primitives.StringValues value) =>
        string.Equals(value.ToString(), "true", StringComparison.OrdinalIgnoreCase);
}
