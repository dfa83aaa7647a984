using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Plays a scripted reply into a sink the way Letta streams one: a first ping with the run id, token deltas that share
/// one message id per LLM step and a new <c>otid</c> per type change, then <c>stop_reason</c>, <c>usage_statistics</c>, <c>[DONE]</c>.</summary>
internal sealed class ReplyRunner
{
    private readonly StoredAgent _agent;
    private readonly string _runId;
    private readonly IReplySink _sink;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pingInterval;
    private string _messageId = WireFormat.NewId("message");
    private string _stepId = WireFormat.NewId("step");
    private string? _lastType;
    private int _otidIndex;
    private long _completionTokens;
    private long? _promptTokens;
    private long? _scriptedCompletion;
    private int _steps = 1;

    public ReplyRunner(StoredAgent agent, string runId, IReplySink sink, TimeProvider time, TimeSpan pingInterval)
    {
        _agent = agent;
        _runId = runId;
        _sink = sink;
        _time = time;
        _pingInterval = pingInterval;
    }

    public long DefaultPromptTokens { get; init; } = 10;

    public async Task RunAsync(IReadOnlyList<ReplyStep> steps, int firstStep, bool includePings, JsonObject? toolReturnEcho, CancellationToken cancellationToken)
    {
        if (includePings)
        {
            await PingAsync(cancellationToken).ConfigureAwait(false);
        }

        if (toolReturnEcho is not null)
        {
            await _sink.MessageAsync(Stamp(toolReturnEcho, "tool_return_message"), false, cancellationToken).ConfigureAwait(false);
            NextLlmStep();
        }

        var stopReason = "end_turn";
        for (var i = firstStep; i < steps.Count; i++)
        {
            switch (steps[i])
            {
                case ReplyStep.Reasoning reasoning:
                    foreach (var token in reasoning.Tokens)
                    {
                        await DeltaAsync("reasoning_message", new JsonObject { ["reasoning"] = token, ["source"] = "reasoner_model", ["signature"] = null }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ReplyStep.Text text:
                    foreach (var token in text.Tokens)
                    {
                        await DeltaAsync("assistant_message", new JsonObject { ["content"] = token }, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case ReplyStep.ServerToolCall call:
                    await ServerToolCallAsync(call, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.ClientToolCall call:
                    await ClientToolCallAsync(call, steps, i + 1, cancellationToken).ConfigureAwait(false);
                    await EndAsync("requires_approval", cancellationToken).ConfigureAwait(false);
                    return;
                case ReplyStep.Error error:
                    await ErrorAsync(error, cancellationToken).ConfigureAwait(false);
                    return;
                case ReplyStep.Usage usage:
                    _promptTokens = usage.PromptTokens;
                    _scriptedCompletion = usage.CompletionTokens;
                    break;
                case ReplyStep.Ping:
                    await PingAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.Wait wait:
                    await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    break;
                case ReplyStep.Stop stop:
                    stopReason = stop.StopReason;
                    break;
            }
        }

        await EndAsync(stopReason, cancellationToken).ConfigureAwait(false);
    }

    private async Task ServerToolCallAsync(ReplyStep.ServerToolCall call, CancellationToken cancellationToken)
    {
        var half = call.Arguments.Length / 2;
        string[] fragments = half == 0 ? [call.Arguments] : [call.Arguments[..half], call.Arguments[half..]];
        for (var f = 0; f < fragments.Length; f++)
        {
            var delta = new JsonObject { ["name"] = f == 0 ? call.Name : null, ["arguments"] = fragments[f], ["tool_call_id"] = call.ToolCallId };
            await DeltaAsync("tool_call_message", new JsonObject { ["tool_call"] = delta, ["tool_calls"] = delta.DeepClone() }, cancellationToken).ConfigureAwait(false);
        }

        var result = new JsonObject
        {
            ["tool_return"] = call.Result,
            ["status"] = "success",
            ["tool_call_id"] = call.ToolCallId,
            ["name"] = call.Name,
            ["stdout"] = null,
            ["stderr"] = null,
        };
        NextLlmStep();
        await _sink.MessageAsync(Stamp(result, "tool_return_message"), false, cancellationToken).ConfigureAwait(false);
        NextLlmStep();
    }

    private async Task ClientToolCallAsync(ReplyStep.ClientToolCall call, IReadOnlyList<ReplyStep> steps, int next, CancellationToken cancellationToken)
    {
        var toolCall = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments, ["tool_call_id"] = call.ToolCallId };
        var requestId = WireFormat.NewId("message");
        var message = new JsonObject { ["tool_call"] = toolCall, ["tool_calls"] = new JsonArray(toolCall.DeepClone()) };
        var stamped = Stamp(message, "approval_request_message");
        stamped["id"] = requestId;
        lock (_agent.Gate)
        {
            _agent.Pending = new PendingApproval(call.ToolCallId, call.Name, requestId, steps, next);
        }

        await _sink.MessageAsync(stamped, false, cancellationToken).ConfigureAwait(false);
    }

    private async Task ErrorAsync(ReplyStep.Error error, CancellationToken cancellationToken)
    {
        if (error.Shape == LettaStreamErrorShape.Wrapper)
        {
            await _sink.ErrorEventAsync(new JsonObject { ["error"] = error.Message, ["code"] = "INTERNAL_SERVER_ERROR" }, cancellationToken).ConfigureAwait(false);
            return;
        }

        await _sink.MessageAsync(Stamp(new JsonObject { ["stop_reason"] = "error" }, "stop_reason", plain: true), false, cancellationToken).ConfigureAwait(false);
        await _sink.ErrorEventAsync(
            new JsonObject
            {
                ["message_type"] = "error_message",
                ["run_id"] = _runId,
                ["error_type"] = error.ErrorType,
                ["message"] = error.Message,
                ["detail"] = $"{error.ErrorType}: {error.Message}",
                ["seq_id"] = null,
            },
            cancellationToken).ConfigureAwait(false);
        await _sink.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitAsync(ReplyStep.Wait wait, CancellationToken cancellationToken)
    {
        var until = wait.Until(cancellationToken);
        while (true)
        {
            var tick = Task.Delay(_pingInterval, _time, cancellationToken);
            if (await Task.WhenAny(until, tick).ConfigureAwait(false) == until)
            {
                await until.ConfigureAwait(false);
                return;
            }

            await PingAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EndAsync(string stopReason, CancellationToken cancellationToken)
    {
        await _sink.MessageAsync(Stamp(new JsonObject { ["stop_reason"] = stopReason }, "stop_reason", plain: true), false, cancellationToken).ConfigureAwait(false);
        var prompt = _promptTokens ?? DefaultPromptTokens;
        var completion = _scriptedCompletion ?? _completionTokens;
        var usage = new JsonObject
        {
            ["completion_tokens"] = completion,
            ["prompt_tokens"] = prompt,
            ["total_tokens"] = prompt + completion,
            ["step_count"] = _steps,
            ["run_ids"] = new JsonArray(_runId),
        };
        await _sink.MessageAsync(Stamp(usage, "usage_statistics", plain: true), false, cancellationToken).ConfigureAwait(false);
        await _sink.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private ValueTask PingAsync(CancellationToken cancellationToken)
    {
        var ping = new JsonObject
        {
            ["message_type"] = "ping",
            ["id"] = WireFormat.NewId("ping"),
            ["date"] = WireFormat.Date(_time.GetUtcNow()),
            ["run_id"] = _runId,
            ["seq_id"] = null,
        };
        return _sink.MessageAsync(ping, false, cancellationToken);
    }

    private ValueTask DeltaAsync(string messageType, JsonObject fields, CancellationToken cancellationToken)
    {
        _completionTokens++;
        return _sink.MessageAsync(Stamp(fields, messageType), true, cancellationToken);
    }

    private void NextLlmStep()
    {
        _messageId = WireFormat.NewId("message");
        _stepId = WireFormat.NewId("step");
        _lastType = null;
        _otidIndex = 0;
        _steps++;
    }

    private JsonObject Stamp(JsonObject fields, string messageType, bool plain = false)
    {
        if (plain)
        {
            var bare = new JsonObject { ["message_type"] = messageType };
            foreach (var field in fields.ToList())
            {
                fields.Remove(field.Key);
                bare[field.Key] = field.Value;
            }

            return bare;
        }

        if (_lastType is not null && _lastType != messageType)
        {
            _otidIndex++;
        }

        _lastType = messageType;
        var message = new JsonObject
        {
            ["id"] = _messageId,
            ["date"] = WireFormat.Date(_time.GetUtcNow()),
            ["name"] = null,
            ["message_type"] = messageType,
            ["otid"] = $"{_messageId["message-".Length..]}-{_otidIndex}",
            ["sender_id"] = null,
            ["step_id"] = _stepId,
            ["seq_id"] = null,
            ["run_id"] = _runId,
        };
        foreach (var field in fields.ToList())
        {
            fields.Remove(field.Key);
            message[field.Key] = field.Value;
        }

        return message;
    }
}
