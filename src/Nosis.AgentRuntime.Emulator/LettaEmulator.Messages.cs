using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <content>Sends: validation as Letta does it, client-tool pauses, and the reply played as SSE or as a <c>LettaResponse</c>.</content>
public sealed partial class LettaEmulator
{
    private async Task SendAsync(HttpContext context, string agentId, bool streamEndpoint)
    {
        if (!_agents.TryGetValue(agentId, out var agent))
        {
            await WriteJsonAsync(context, 404, WireFormat.Detail($"Agent with ID {agentId} not found")).ConfigureAwait(false);
            return;
        }

        await SendToAsync(context, agent, new SendRoute(streamEndpoint, StreamingByDefault: false, Gated: !streamEndpoint, _options.RejectConcurrentSends)).ConfigureAwait(false);
    }

    /// <summary>Plays a send into <paramref name="target"/>: an agent, or a conversation of one (<paramref name="route"/> says how the route behaves).</summary>
    private async Task SendToAsync(HttpContext context, SendTarget target, SendRoute route)
    {
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var streaming = route.ForceStreaming || (route.StreamingByDefault ? body["streaming"] is not JsonValue flag || !flag.TryGetValue<bool>(out var on) || on : IsTrue(body["streaming"]));
        var streamTokens = IsTrue(body["stream_tokens"]);
        var includePings = body["include_pings"] is not JsonValue pings || !pings.TryGetValue<bool>(out var ping) || ping;
        var problem = Validate(context.Request, body, route.Gated, streaming);
        if (problem is not null)
        {
            await WriteJsonAsync(context, problem.Value.Status, WireFormat.Detail(problem.Value.Detail)).ConfigureAwait(false);
            return;
        }

        var (userText, approvals) = ReadInput(body);
        var otid = UserOtid(body);
        var runId = WireFormat.NewId("run");
        PendingApproval? pending;
        JsonObject? conflict = null;
        lock (target.Gate)
        {
            pending = target.Pending;
            var answered = pending is not null && approvals.Any(a => (string?)a["tool_call_id"] == pending.ToolCallId);
            if (pending is not null && !answered)
            {
                conflict = PendingConflict(pending);
            }
            else if (pending is null && approvals.Count > 0)
            {
                // letta/agents/helpers.py: a ValueError, which the app maps to 400.
                problem = (400, "Cannot process approval response: No tool call is currently awaiting approval. Please send a regular message to interact with the agent.");
            }
            else if (route.Locked && target.ActiveRunId is { } busyRun)
            {
                conflict = BusyConflict(busyRun);
            }
            else
            {
                target.Pending = null;
                target.ActiveRunId = runId;
            }
        }

        if (conflict is not null)
        {
            await WriteJsonAsync(context, 409, conflict).ConfigureAwait(false);
            return;
        }

        if (problem is { } bad)
        {
            await WriteJsonAsync(context, bad.Status, WireFormat.Detail(bad.Detail)).ConfigureAwait(false);
            return;
        }

        var run = NewRun(runId, target.Agent.Id, background: streaming && IsTrue(body["background"]));
        if (otid is not null)
        {
            _runsByOtid[otid] = runId; // the otid lookup of POST /v1/conversations/{id}/stream
        }

        var play = new Play(target, run, new(runId, userText, otid, _options.TimeProvider.GetUtcNow()), pending, approvals, streaming, streamTokens, streaming && includePings)
        {
            IncludeCompaction = IsTrue(body["include_compaction_messages"]),
        };
        if (run.Background)
        {
            StartInBackground(play);
            await TailAsync(context, run, 0, play.IncludePings).ConfigureAwait(false);
            return;
        }

        var status = "failed";
        try
        {
            await PlayAsync(context, play, null, context.RequestAborted).ConfigureAwait(false);
            status = "completed";
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            run.End(status, status == "cancelled" ? "cancelled" : null, _options.TimeProvider.GetUtcNow());
            EndSend(play);
        }
    }

    /// <summary>Plays a background send into its run, on its own: the sender's connection is only one reader of it.</summary>
    private void StartInBackground(Play play)
    {
        var run = play.Run;
        var sink = new RunSink(run, Faults.TrickleDelay);
        _ = Task.Run(async () =>
        {
            try
            {
                await PlayAsync(null, play, play.StreamTokens ? sink : new MergingSink(sink), run.Cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
            {
                await sink.CancelledAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await sink.ErrorEventAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = "An unknown error occurred" } }, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                var status = sink.StopReason switch
                {
                    "cancelled" => "cancelled",
                    null => "failed",
                    "error" or "llm_api_error" or "invalid_llm_response" or "invalid_tool_call" or "no_tool_call" or "max_tokens_exceeded"
                        or "context_window_overflow_in_system_prompt" or "insufficient_credits" => "failed",
                    _ => sink.Failed ? "failed" : "completed",
                };
                run.End(status, sink.StopReason ?? "error", _options.TimeProvider.GetUtcNow());
                EndSend(play);
            }
        });
    }

    private static void EndSend(Play play)
    {
        lock (play.Target.Gate)
        {
            if (play.Target.ActiveRunId == play.Run.Id)
            {
                play.Target.ActiveRunId = null;
            }
        }
    }

    /// <summary>PendingApprovalError (letta/errors.py) in the shape the options pick: the stream wrapper's object or the app handler's string.</summary>
    private JsonObject PendingConflict(PendingApproval pending)
    {
        const string Message = "CONFLICT: Cannot send a new message: The agent is waiting for approval on a tool call. Please approve or deny the pending request before continuing.";
        return _options.PendingApprovalConflictShape == LettaConflictShape.DetailString
            ? WireFormat.Detail(Message)
            : new JsonObject { ["detail"] = new JsonObject { ["code"] = "PENDING_APPROVAL", ["message"] = Message, ["pending_request_id"] = pending.ApprovalRequestId } };
    }

    /// <summary>ConversationBusyError (letta/errors.py) as the app's handler writes it (letta/server/rest_api/app.py).</summary>
    private static JsonObject BusyConflict(string runId) => new()
    {
        ["detail"] = $"CONFLICT: Cannot send a new message: Another request (run_id={runId}) is currently being processed for this conversation. Please wait for it to complete.",
        ["run_id"] = runId,
    };

    /// <summary>Plays a send: into the response when <paramref name="backgroundSink"/> is <see langword="null"/>, else into a background run.</summary>
    private async Task PlayAsync(HttpContext? context, Play play, IReplySink? backgroundSink, CancellationToken cancellationToken)
    {
        var (target, runId, userText, pending, approvals, streaming, streamTokens, includePings) =
            (play.Target, play.Run.Id, play.Input.UserText, play.Pending, play.Approvals, play.Streaming, play.StreamTokens, play.IncludePings);
        var started = MonotonicNow();
        var inFlight = Interlocked.Increment(ref target.InFlightSends);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref target.MaxConcurrentSends)) && Interlocked.CompareExchange(ref target.MaxConcurrentSends, inFlight, seen) != seen)
        {
        }

        try
        {
            IReplySink sink;
            CollectingSink? collector = null;
            if (backgroundSink is not null)
            {
                sink = backgroundSink;
            }
            else if (streaming && context is not null)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/event-stream";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
                var sse = new SseSink(context, Faults);
                sink = streamTokens ? sse : new MergingSink(sse);
            }
            else
            {
                collector = new CollectingSink();
                sink = new MergingSink(collector);
            }

            // A background run goes on without its readers anyway; a streamed reply does only with FinishRepliesAfterDisconnect.
            var finishWithoutClient = backgroundSink is null && streaming && _options.FinishRepliesAfterDisconnect;
            var history = new HistorySink(sink, cancellationToken, finishWithoutClient);
            // Played on without its client, the reply still stops when its run is cancelled (POST /v1/agents/{id}/messages/cancel).
            using var runCancelled = finishWithoutClient ? CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, play.Run.Cancellation.Token) : null;
            var token = runCancelled?.Token ?? cancellationToken;
            var runner = new ReplyRunner(target, new ReplyFrames(runId, _options.TimeProvider), history, _options.TimeProvider, _options.PingInterval)
            {
                DefaultPromptTokens = 10 + (userText.Length / 4),
                IncludeCompaction = play.IncludeCompaction,
            };
            if (pending is not null)
            {
                var answer = approvals.First(a => (string?)a["tool_call_id"] == pending.ToolCallId);
                var result = AnswerOf(pending.ToolCallId, answer);

                // A user message after the approval is a follow-up (letta/agents/helpers.py): the agent answers it; otherwise it resumes.
                var (steps, first) = userText.Length > 0 ? (Replies.Take(target.Id, target.Agent.Id, userText).Steps, 0) : (pending.Steps, pending.NextStep);
                await runner.RunAsync(steps, first, includePings, [result], token, pending.ToolName).ConfigureAwait(false);
            }
            else
            {
                var reply = Replies.Take(target.Id, target.Agent.Id, userText);
                await runner.RunAsync(reply.Steps, 0, includePings, [], token).ConfigureAwait(false);
            }

            Remember(target, play.Input, history.Messages);
            history.ClientGone?.Throw();

            if (collector is not null && context is not null)
            {
                if (collector.Error is { } error)
                {
                    var message = (string?)error["message"] ?? (string?)error["error"] ?? "An unknown error occurred";
                    await WriteJsonAsync(context, 500, new JsonObject { ["error"] = new JsonObject { ["type"] = (string?)error["error_type"] ?? "internal_error", ["message"] = message, ["detail"] = null } }).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(context, 200, collector.ToResponse()).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref target.InFlightSends);
            _sends.GetOrAdd(target.Id, _ => new()).Enqueue(new EmulatedSend(target.Id, runId, streaming, started, MonotonicNow()));
        }
    }

    private static (int Status, string Detail)? Validate(HttpRequest request, JsonObject body, bool gated, bool streaming)
    {
        if (gated && streaming && !SdkGate.IsV1Client(request))
        {
            return (422, "streaming=true is only supported for SDK v1.0+ clients.");
        }

        if (!streaming && (IsTrue(body["stream_tokens"]) || IsTrue(body["background"]) || body["include_pings"] is JsonValue p && p.TryGetValue<bool>(out var pings) && !pings))
        {
            return (422, "stream_tokens, include_pings=false and background require streaming=true.");
        }

        var hasMessages = body["messages"] is JsonArray;
        var hasInput = body["input"] is not null;
        if (hasMessages == hasInput)
        {
            return (422, "Exactly one of 'messages' and 'input' must be given.");
        }

        if (hasMessages && body["messages"] is JsonArray { Count: 0 })
        {
            return (422, "Messages must not be empty");
        }

        return null;
    }

    private static (string UserText, List<JsonObject> Approvals) ReadInput(JsonObject body)
    {
        if (body["input"] is { } input)
        {
            return (TextOf(input), []);
        }

        var text = new StringBuilder();
        var approvals = new List<JsonObject>();
        foreach (var item in ((JsonArray)body["messages"]!).OfType<JsonObject>())
        {
            switch ((string?)item["type"] ?? "message")
            {
                case "approval":
                    approvals.AddRange((item["approvals"] as JsonArray ?? []).OfType<JsonObject>());
                    break;
                case "tool_return":
                    // ToolReturnCreate, the preferred form for client tools' results: {type: "tool_return", tool_returns: [ToolReturn…]}.
                    approvals.AddRange((item["tool_returns"] as JsonArray ?? []).OfType<JsonObject>());
                    break;
                default:
                    if ((string?)item["role"] is "user" or null)
                    {
                        text.Clear().Append(TextOf(item["content"]));
                    }

                    break;
            }
        }

        return (text.ToString(), approvals);
    }

    /// <summary>
    /// The result a pending call gets from its answer: a client tool's <c>ToolReturn</c> as sent, or a human's <c>ApprovalReturn</c>
    /// (<c>{approve, reason}</c>): approved, the call ran; denied, an error result that carries the reason.
    /// </summary>
    private static JsonObject AnswerOf(string toolCallId, JsonObject answer) => answer["approve"] is JsonValue approve && approve.TryGetValue<bool>(out var approved)
        ? ToolFrames.Result(toolCallId, approved ? "Approved." : $"Denied: {TextOf(answer["reason"])}", approved ? "success" : "error")
        : ToolFrames.Result(toolCallId, TextOf(answer["tool_return"]), (string?)answer["status"] ?? "success");

    private static string TextOf(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => (string?)p["text"])),
        null => string.Empty,
        _ => node.ToJsonString(),
    };

    private static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    /// <summary>What one send plays, and for whom.</summary>
    private sealed record Play(
        SendTarget Target, StoredRun Run, TurnInput Input, PendingApproval? Pending, List<JsonObject> Approvals, bool Streaming, bool StreamTokens, bool IncludePings)
    {
        public bool IncludeCompaction { get; init; }
    }
}
