using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The Letta side of a turn: one request per step, client tools run between steps.</summary>
internal sealed partial class ChatTurnRun
{
    private async Task RunStepsAsync()
    {
        var clientTools = _tools.Tools.Count == 0
            ? null
            : _tools.Tools.Select(t => new LettaClientTool(t.Name, t.Description, t.Parameters)).ToList();
        var request = new LettaMessageRequest([LettaInputMessage.User(_request.UserText)]) { ClientTools = clientTools };
        var toolSteps = 0;
        var limitAnswered = false;
        while (true)
        {
            var pending = await StreamStepAsync(request).ConfigureAwait(false);
            if (pending.Count == 0 || _stopReason != "requires_approval")
            {
                return;
            }

            List<LettaToolReturn> returns;
            if (toolSteps < _deps.Options.MaxToolSteps)
            {
                toolSteps++;
                returns = await AnswerCallsAsync(pending, refusal: null).ConfigureAwait(false);
            }
            else if (!limitAnswered)
            {
                // Answer the calls so the agent is not left waiting for approval, then end after its reply.
                _deps.Logger.ToolStepLimitReached(_conversation.ConversationId, _deps.Options.MaxToolSteps);
                limitAnswered = true;
                returns = await AnswerCallsAsync(pending, ToolResult.Error(
                    $"Not run: this turn reached its limit of {_deps.Options.MaxToolSteps} tool steps.")).ConfigureAwait(false);
            }
            else
            {
                _stopReason = "max_steps";
                await EmitAsync(StopEvent.FromLetta(_stopReason)).ConfigureAwait(false);
                return;
            }

            request = new LettaMessageRequest([new LettaApprovalInput(returns)]) { ClientTools = clientTools };
        }
    }

    /// <summary>Streams one Letta request as one step and returns the client tool calls it ended waiting for.</summary>
    private async Task<List<(string Id, string Name, string Arguments)>> StreamStepAsync(LettaMessageRequest request)
    {
        _stopReason = null;
        var serverCalls = new ToolCallAccumulator();
        var clientCalls = new ToolCallAccumulator();
        await EmitAsync(new StepStartEvent()).ConfigureAwait(false);
        await foreach (var item in _deps.Letta.StreamMessageAsync(AgentId, request, _abort.Token).ConfigureAwait(false))
        {
            MarkFrame();
            _runId ??= item.RunId;
            switch (item)
            {
                case LettaAssistantMessage text when text.Content.Length > 0:
                    RecordFirstToken();
                    _text.Append(text.Content);
                    await EmitAsync(new TextDeltaEvent(PartId(item, "text"), text.Content) { RunId = item.RunId, SeqId = item.SeqId }).ConfigureAwait(false);
                    break;
                case LettaReasoningMessage reasoning when reasoning.Reasoning.Length > 0:
                    RecordFirstToken();
                    await EmitAsync(new ReasoningDeltaEvent(PartId(item, "reasoning"), reasoning.Reasoning) { RunId = item.RunId, SeqId = item.SeqId }).ConfigureAwait(false);
                    break;
                case LettaToolCallMessage toolCall:
                    serverCalls.Add(toolCall.ToolCalls);
                    break;
                case LettaApprovalRequestMessage approval:
                    clientCalls.Add(approval.ToolCalls);
                    break;
                case LettaToolReturnMessage toolReturn:
                    await EmitServerToolResultAsync(serverCalls, toolReturn).ConfigureAwait(false);
                    break;
                case LettaPing:
                    await EmitAsync(new KeepaliveEvent { RunId = item.RunId, SeqId = item.SeqId }).ConfigureAwait(false);
                    break;
                case LettaStopReason stop:
                    _stopReason = stop.StopReason;
                    await EmitAsync(StopEvent.FromLetta(stop.StopReason)).ConfigureAwait(false);
                    break;
                case LettaUsageStatistics usage:
                    await RecordUsageAsync(usage).ConfigureAwait(false);
                    break;
                case LettaStreamError error:
                    throw new LettaStreamFailedException(error.ErrorType ?? "letta_error", error.Message);
            }
        }

        foreach (var (id, name, arguments) in serverCalls.TakeAll())
        {
            await EmitAsync(new ToolCallEvent(id, name, arguments)).ConfigureAwait(false);
        }

        var pending = clientCalls.TakeAll();
        if (_stopReason is null)
        {
            throw new LettaStreamIncompleteException();
        }

        if (_stopReason != "requires_approval" || pending.Count == 0)
        {
            await EmitAsync(new StepFinishEvent()).ConfigureAwait(false);
        }

        return pending;
    }

    private async ValueTask EmitServerToolResultAsync(ToolCallAccumulator serverCalls, LettaToolReturnMessage toolReturn)
    {
        var id = toolReturn.ToolCallId ?? string.Empty;
        if (serverCalls.Take(id) is { } call)
        {
            await EmitAsync(new ToolCallEvent(call.Id, call.Name, call.Arguments) { RunId = toolReturn.RunId }).ConfigureAwait(false);
        }
        else if (_reportedResults.Contains(id))
        {
            return; // Letta echoes the return of a client tool this turn already reported.
        }
        else
        {
            await EmitAsync(new ToolCallEvent(id, toolReturn.Name ?? "unknown_tool", "{}") { RunId = toolReturn.RunId }).ConfigureAwait(false);
        }

        _reportedResults.Add(id);
        await EmitAsync(new ToolResultEvent(id, toolReturn.ToolReturn, toolReturn.IsError) { RunId = toolReturn.RunId, SeqId = toolReturn.SeqId }).ConfigureAwait(false);
    }

    /// <summary>Announces each call, runs it (or answers it with <paramref name="refusal"/> when one is given), and reports the results as one step.</summary>
    private async Task<List<LettaToolReturn>> AnswerCallsAsync(List<(string Id, string Name, string Arguments)> calls, ToolResult? refusal)
    {
        var returns = new List<LettaToolReturn>(calls.Count);
        foreach (var call in calls)
        {
            await EmitAsync(new ToolCallEvent(call.Id, call.Name, call.Arguments) { RunId = _runId }).ConfigureAwait(false);
            var result = refusal ?? await InvokeToolAsync(new ToolCall(call.Id, call.Name, call.Arguments)).ConfigureAwait(false);
            _reportedResults.Add(call.Id);
            await EmitAsync(new ToolResultEvent(call.Id, result.Output, result.IsError) { RunId = _runId }).ConfigureAwait(false);
            returns.Add(new LettaToolReturn(call.Id, result.Output, result.IsError ? LettaToolReturnStatus.Error : LettaToolReturnStatus.Success));
        }

        await EmitAsync(new StepFinishEvent()).ConfigureAwait(false);
        return returns;
    }

    private async Task<ToolResult> InvokeToolAsync(ToolCall call)
    {
        ToolResult result;
        if (!_tools.Tools.Any(t => string.Equals(t.Name, call.Name, StringComparison.Ordinal)))
        {
            result = ToolResult.Error($"No tool named '{call.Name}' is loaded for this conversation.");
        }
        else
        {
            try
            {
                result = await _tools.InvokeAsync(call, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                result = ToolResult.Error(_deps.Redact($"The tool '{call.Name}' failed: {exception.Message}"));
            }
        }

        _deps.Logger.ToolRan(call.Name, _conversation.ConversationId, result.IsError);
        return result;
    }

    private async ValueTask RecordUsageAsync(LettaUsageStatistics usage)
    {
        _sawUsage = true;
        _inputTokens += usage.PromptTokens;
        _outputTokens += usage.CompletionTokens;
        _stepCount += usage.StepCount;
        if (usage.ReasoningTokens is { } reasoning)
        {
            _reasoningTokens = (_reasoningTokens ?? 0) + reasoning;
        }

        if (usage.CachedInputTokens is { } cached)
        {
            _cachedTokens = (_cachedTokens ?? 0) + cached;
        }

        _deps.Telemetry.InputTokens.Add(usage.PromptTokens);
        _deps.Telemetry.OutputTokens.Add(usage.CompletionTokens);
        var stepUsage = new TokenUsage(usage.PromptTokens, usage.CompletionTokens)
        {
            ReasoningTokens = usage.ReasoningTokens,
            CachedInputTokens = usage.CachedInputTokens,
            StepCount = usage.StepCount,
        };
        await EmitAsync(new UsageEvent(stepUsage, _deps.Options.AgentModel) { RunId = usage.RunId }).ConfigureAwait(false);
    }

    private static string PartId(LettaStreamItem item, string kind) => item.Otid ?? (item.Id is { } id ? $"{kind}-{id}" : kind);
}
