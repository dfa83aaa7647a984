using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Maps the items of one Letta step to chat events; one item may give none, one or several events.</summary>
/// <remarks>One instance per step. Tool call fragments are joined until their return (server tools) or the step's end (client tools).</remarks>
internal sealed class LettaStepMapper
{
    private readonly ChatTurnContext _turn;
    private readonly string? _model;
    private readonly ToolCallAccumulator _serverCalls = new();
    private readonly ToolCallAccumulator _clientCalls = new();
    private string? _compactionTrigger;

    public LettaStepMapper(ChatTurnContext turn, string? model)
    {
        _turn = turn;
        _model = model;
    }

    /// <summary>Gets Letta's stop reason for the step, once it came.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Adds the events for one frame; a token delta becomes its chat event directly, with no typed item in between.</summary>
    /// <exception cref="LettaStreamFailedException">Letta reported an error in the stream.</exception>
    public void Map(in LettaFrame frame, List<AgentChatEvent> output)
    {
        switch (frame.Kind)
        {
            case LettaFrameKind.TextDelta:
                _turn.OnLettaFrame(frame.RunId);
                if (frame.Text!.Length > 0)
                {
                    output.Add(new TextDeltaEvent(PartId(frame.Otid, frame.Id, "text"), frame.Text) { RunId = frame.RunId, SeqId = frame.SeqId });
                }

                break;
            case LettaFrameKind.ReasoningDelta:
                _turn.OnLettaFrame(frame.RunId);
                if (frame.Text!.Length > 0)
                {
                    output.Add(new ReasoningDeltaEvent(PartId(frame.Otid, frame.Id, "reasoning"), frame.Text) { RunId = frame.RunId, SeqId = frame.SeqId });
                }

                break;
            default:
                Map(frame.ToItem(), output);
                break;
        }
    }

    /// <summary>Adds the events for <paramref name="item"/> to <paramref name="output"/>.</summary>
    /// <exception cref="LettaStreamFailedException">Letta reported an error in the stream.</exception>
    public void Map(LettaStreamItem item, List<AgentChatEvent> output)
    {
        _turn.OnLettaFrame(item.RunId);
        switch (item)
        {
            case LettaAssistantMessage text when text.Content.Length > 0:
                output.Add(new TextDeltaEvent(PartId(item.Otid, item.Id, "text"), text.Content) { RunId = item.RunId, SeqId = item.SeqId });
                break;
            case LettaReasoningMessage reasoning when reasoning.Reasoning.Length > 0:
                output.Add(new ReasoningDeltaEvent(PartId(item.Otid, item.Id, "reasoning"), reasoning.Reasoning) { RunId = item.RunId, SeqId = item.SeqId });
                break;
            case LettaHiddenReasoningMessage hidden:
                // Reasoning happened but is not shown: say so, never pass on the provider's opaque payload.
                output.Add(new HiddenReasoningEvent(PartId(item.Otid, item.Id, "reasoning"), hidden.State) { RunId = item.RunId, SeqId = item.SeqId });
                break;
            case LettaToolCallMessage toolCall:
                _serverCalls.Add(toolCall.ToolCalls);
                break;
            case LettaApprovalRequestMessage approval:
                _clientCalls.Add(approval.ToolCalls);
                break;
            case LettaToolReturnMessage toolReturn:
                MapServerToolResult(toolReturn, output);
                break;
            case LettaEventMessage { EventType: LettaEventMessage.CompactionEventType } compaction:
                _compactionTrigger = TriggerOf(compaction.EventDataJson);
                break;
            case LettaSummaryMessage summary:
                output.Add(new CompactionEvent(summary.Summary) { Trigger = _compactionTrigger, RunId = item.RunId, SeqId = item.SeqId });
                _compactionTrigger = null;
                break;
            case LettaPing:
                output.Add(new KeepaliveEvent { RunId = item.RunId, SeqId = item.SeqId });
                break;
            case LettaStopReason stop:
                StopReason = stop.StopReason;
                output.Add(StopEvent.FromLetta(stop.StopReason));
                break;
            case LettaUsageStatistics usage:
                output.Add(UsageOf(usage));
                break;
            case LettaRunCancelled:
                StopReason = "cancelled";
                output.Add(StopEvent.FromLetta("cancelled"));
                break;
            case LettaStreamError error:
                throw new LettaStreamFailedException(error.ErrorType ?? "letta_error", error.Message);
        }
    }

    /// <summary>Adds the events that end the step: server calls never answered, then the step's finish or the client calls it waits for.</summary>
    /// <exception cref="LettaStreamIncompleteException">The stream ended without a stop reason.</exception>
    public void End(List<AgentChatEvent> output)
    {
        foreach (var call in _serverCalls.TakeAll())
        {
            output.Add(new ToolCallEvent(call.Id, call.Name, call.Arguments));
        }

        var pending = _clientCalls.TakeAll();
        if (StopReason is null)
        {
            throw new LettaStreamIncompleteException();
        }

        output.Add(StopReason == "requires_approval" && pending.Count > 0 ? new PendingClientToolsEvent(pending) : new StepFinishEvent());
    }

    /// <summary>Every result of the step (<c>tool_returns</c>) becomes its own call and result event, in Letta's order.</summary>
    private void MapServerToolResult(LettaToolReturnMessage toolReturn, List<AgentChatEvent> output)
    {
        foreach (var result in toolReturn.Results)
        {
            MapServerToolResult(toolReturn, result, output);
        }
    }

    private void MapServerToolResult(LettaToolReturnMessage toolReturn, LettaToolReturnResult result, List<AgentChatEvent> output)
    {
        var id = result.ToolCallId ?? string.Empty;
        if (_serverCalls.Take(id) is { } call)
        {
            output.Add(new ToolCallEvent(call.Id, call.Name, call.Arguments) { RunId = toolReturn.RunId });
        }
        else if (_turn.ReportedToolResults.Contains(id))
        {
            return; // Letta echoes the return of a client tool this turn already reported.
        }
        else
        {
            output.Add(new ToolCallEvent(id, toolReturn.Name ?? "unknown_tool", "{}") { RunId = toolReturn.RunId });
        }

        _turn.ReportedToolResults.Add(id);
        output.Add(new ToolResultEvent(id, result.ToolReturn, result.IsError) { RunId = toolReturn.RunId, SeqId = toolReturn.SeqId });
    }

    private UsageEvent UsageOf(LettaUsageStatistics usage) => new(
        new TokenUsage(usage.PromptTokens, usage.CompletionTokens)
        {
            ReasoningTokens = usage.ReasoningTokens,
            CachedInputTokens = usage.CachedInputTokens,
            StepCount = usage.StepCount,
            CacheWriteTokens = usage.CacheWriteTokens,
            ContextTokens = usage.ContextTokens,
        },
        _model)
    { RunId = usage.RunId };

    /// <summary>The <c>trigger</c> of a compaction event's <c>event_data</c> (letta-code emits <c>{trigger}</c>), if it is there.</summary>
    private static string? TriggerOf(string? eventDataJson)
    {
        if (eventDataJson is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(eventDataJson);
        return data.RootElement.ValueKind == JsonValueKind.Object
            && data.RootElement.TryGetProperty("trigger", out var trigger)
            && trigger.ValueKind == JsonValueKind.String ? trigger.GetString() : null;
    }

    private static string PartId(string? otid, string? id, string kind) => otid ?? (id is not null ? $"{kind}-{id}" : kind);
}
