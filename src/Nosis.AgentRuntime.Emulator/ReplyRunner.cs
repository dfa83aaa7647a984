using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Plays a scripted reply into a sink the way Letta streams one: a first ping with the run id, token deltas that share
/// one message id per LLM step, whole tool returns, then <c>stop_reason</c>, <c>usage_statistics</c>, <c>[DONE]</c>.</summary>
internal sealed class ReplyRunner(SendTarget target, ReplyFrames frames, IReplySink sink, TimeProvider time, TimeSpan pingInterval)
{
    private long _completionTokens;
    private LettaEmulatedUsage? _usage;
    private TimeSpan _trickle;

    public long DefaultPromptTokens { get; init; } = 10;

    /// <summary>Gets whether the send asked for <c>include_compaction_messages</c>.</summary>
    public bool IncludeCompaction { get; init; }

    /// <summary>Plays <paramref name="steps"/> from <paramref name="firstStep"/>, after the results of the tools a send answered, if any.</summary>
    public async Task RunAsync(IReadOnlyList<ReplyStep> steps, int firstStep, bool includePings, IReadOnlyList<JsonObject> answeredReturns, CancellationToken cancellationToken, string? answeredTool = null)
    {
        if (includePings)
        {
            await sink.MessageAsync(frames.Ping(), false, cancellationToken).ConfigureAwait(false);
        }

        if (answeredReturns.Count > 0)
        {
            await sink.MessageAsync(ToolFrames.Returns(frames, answeredReturns, answeredTool), false, cancellationToken).ConfigureAwait(false);
            frames.NextLlmStep();
        }

        var stopReason = "end_turn";
        for (var i = firstStep; i < steps.Count; i++)
        {
            switch (steps[i])
            {
                case ReplyStep.Reasoning reasoning:
                    foreach (var token in reasoning.Tokens)
                    {
                        await DeltaAsync("reasoning_message", new JsonObject { ["source"] = "reasoner_model", ["reasoning"] = token, ["signature"] = null }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ReplyStep.HiddenReasoning hidden:
                    await sink.MessageAsync(frames.Message("hidden_reasoning_message", new JsonObject { ["state"] = hidden.State, ["hidden_reasoning"] = hidden.Payload }), false, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.Text text:
                    foreach (var token in text.Tokens)
                    {
                        await DeltaAsync("assistant_message", new JsonObject { ["content"] = token }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ReplyStep.ServerToolCalls calls:
                    await ServerToolCallsAsync(calls.Calls, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.ClientToolCall call:
                    await ClientToolCallAsync(call, steps, i + 1, cancellationToken).ConfigureAwait(false);
                    await EndAsync("requires_approval", cancellationToken).ConfigureAwait(false);
                    return;
                case ReplyStep.Error error:
                    await ReplyErrors.WriteAsync(sink, frames, error, cancellationToken).ConfigureAwait(false);
                    return;
                case ReplyStep.Cancel:
                    await sink.CancelledAsync(cancellationToken).ConfigureAwait(false);
                    return;
                case ReplyStep.Usage usage:
                    _usage = usage.Value;
                    break;
                case ReplyStep.Ping:
                    await sink.MessageAsync(frames.Ping(), false, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.Wait wait:
                    await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.Trickle trickle:
                    _trickle = trickle.Delay;
                    break;
                case ReplyStep.Stop stop:
                    stopReason = stop.StopReason;
                    break;
                case ReplyStep.Compaction compaction when IncludeCompaction:
                    await sink.MessageAsync(frames.Message("event_message", CompactionFrames.Event(compaction)), false, cancellationToken).ConfigureAwait(false);
                    await sink.MessageAsync(frames.Message("summary_message", CompactionFrames.Summary(compaction)), false, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.ResponseState:
                    await sink.MessageAsync(ReplyFrames.Plain("response_state", new JsonObject { ["cache_scope"] = "approval_boundary", ["response_id"] = WireFormat.NewId("resp") }), false, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        await EndAsync(stopReason, cancellationToken).ConfigureAwait(false);
    }

    private async Task ServerToolCallsAsync(IReadOnlyList<ReplyStep.ServerCall> calls, CancellationToken cancellationToken)
    {
        foreach (var call in calls)
        {
            foreach (var delta in ToolFrames.Deltas(call.Name, call.Arguments, call.ToolCallId))
            {
                await DeltaAsync("tool_call_message", new JsonObject { ["tool_call"] = delta, ["tool_calls"] = delta.DeepClone() }, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var call in calls.Where(c => !c.IsError))
        {
            MemoryTools.Apply(target.Agent, call.Name, call.Arguments);
        }

        frames.NextLlmStep();
        var results = calls.Select(c => ToolFrames.Result(c.ToolCallId, c.Result, c.IsError ? "error" : "success")).ToList();
        await sink.MessageAsync(ToolFrames.Returns(frames, results, calls[0].Name), false, cancellationToken).ConfigureAwait(false);
        frames.NextLlmStep();
    }

    private async Task ClientToolCallAsync(ReplyStep.ClientToolCall call, IReadOnlyList<ReplyStep> steps, int next, CancellationToken cancellationToken)
    {
        var whole = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments, ["tool_call_id"] = call.ToolCallId };
        var request = frames.ApprovalRequest(new JsonObject { ["tool_call"] = whole, ["tool_calls"] = new JsonArray(whole.DeepClone()) });
        lock (target.Gate)
        {
            target.Pending = new PendingApproval(call.ToolCallId, call.Name, (string)request["id"]!, request, steps, next);
        }

        foreach (var delta in ToolFrames.Deltas(call.Name, call.Arguments, call.ToolCallId))
        {
            var fragment = frames.ApprovalRequest(new JsonObject { ["tool_call"] = delta, ["tool_calls"] = delta.DeepClone() });
            await EmitDeltaAsync(fragment, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(ReplyStep.Wait wait, CancellationToken cancellationToken)
    {
        var until = wait.Until(cancellationToken);
        while (true)
        {
            var tick = Task.Delay(pingInterval, time, cancellationToken);
            if (await Task.WhenAny(until, tick).ConfigureAwait(false) == until)
            {
                await until.ConfigureAwait(false);
                return;
            }

            await sink.MessageAsync(frames.Ping(), false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndAsync(string stopReason, CancellationToken cancellationToken)
    {
        await sink.MessageAsync(ReplyFrames.Plain("stop_reason", new JsonObject { ["stop_reason"] = stopReason }), false, cancellationToken).ConfigureAwait(false);
        var prompt = _usage?.PromptTokens ?? DefaultPromptTokens;
        var completion = _usage?.CompletionTokens ?? _completionTokens;

        // Field order and nulls as LettaUsageStatistics (letta/schemas/usage.py) serializes them.
        var usage = new JsonObject
        {
            ["completion_tokens"] = completion,
            ["prompt_tokens"] = prompt,
            ["total_tokens"] = prompt + completion,
            ["step_count"] = frames.Steps,
            ["run_ids"] = new JsonArray(frames.RunId),
            ["cached_input_tokens"] = _usage?.CachedInputTokens,
            ["cache_write_tokens"] = _usage?.CacheWriteTokens,
            ["reasoning_tokens"] = _usage?.ReasoningTokens,
            ["context_tokens"] = _usage?.ContextTokens,
        };
        await sink.MessageAsync(ReplyFrames.Plain("usage_statistics", usage), false, cancellationToken).ConfigureAwait(false);
        await sink.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask DeltaAsync(string messageType, JsonObject fields, CancellationToken cancellationToken) =>
        EmitDeltaAsync(frames.Message(messageType, fields), cancellationToken);

    private async ValueTask EmitDeltaAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested(); // a cancelled run stops between tokens, even with no client to write to
        _completionTokens++;
        if (_trickle > TimeSpan.Zero)
        {
            await Task.Delay(_trickle, time, cancellationToken).ConfigureAwait(false);
        }

        await sink.MessageAsync(frame, true, cancellationToken).ConfigureAwait(false);
    }
}
