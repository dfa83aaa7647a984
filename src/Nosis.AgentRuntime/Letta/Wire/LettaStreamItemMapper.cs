using static Nosis.AgentRuntime.Letta.Wire.LettaJsonValues;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Turns the fields of a Letta message into a typed item; unknown types become <see cref="LettaUnknownItem"/>, never an error.</summary>
internal static class LettaStreamItemMapper
{
    public static LettaStreamItem Map(in LettaFrameFields wire) => wire.MessageType switch
    {
        // Token deltas: built with their envelope in one allocation rather than copied by `with`.
        "assistant_message" => new LettaAssistantMessage(wire.ContentText ?? JoinText(wire.ContentJson))
        {
            Id = wire.Id, Otid = wire.Otid, RunId = wire.RunId, SeqId = wire.SeqId, StepId = wire.StepId, Date = ParseDate(wire.Date),
        },
        "reasoning_message" => new LettaReasoningMessage(wire.Reasoning ?? string.Empty)
        {
            Id = wire.Id, Otid = wire.Otid, RunId = wire.RunId, SeqId = wire.SeqId, StepId = wire.StepId, Date = ParseDate(wire.Date),
        },
        _ => MapOther(wire) with
        {
            Id = wire.Id,
            Otid = wire.Otid,
            RunId = wire.RunId,
            SeqId = wire.SeqId,
            StepId = wire.StepId,
            Date = ParseDate(wire.Date),
        },
    };

    /// <summary>Maps the payload of an <c>event: error</c> frame, in either of its two shapes.</summary>
    public static LettaStreamItem MapErrorEvent(in LettaFrameFields wire) => Map(new LettaFrameFields
    {
        MessageType = "error_message",
        Id = wire.Id,
        RunId = wire.RunId,
        SeqId = wire.SeqId,
        Date = wire.Date,
        ErrorType = wire.ErrorType,
        Message = wire.Message,
        Detail = wire.Detail,
        Error = wire.Error,
        Code = wire.Code,
    });

    private static LettaStreamItem MapOther(in LettaFrameFields wire) => wire.MessageType switch
    {
        "tool_call_message" => new LettaToolCallMessage(ReadToolCalls(in wire)),
        "approval_request_message" => new LettaApprovalRequestMessage(ReadToolCalls(in wire)),
        "tool_return_message" => new LettaToolReturnMessage(wire.ToolCallId ?? ReadToolReturnId(wire.ToolReturn), JoinText(wire.ToolReturn), wire.Status)
        {
            Name = wire.Name,
            Results = ReadToolReturns(wire.ToolReturns),
        },
        "hidden_reasoning_message" => new LettaHiddenReasoningMessage(wire.State ?? "omitted") { HiddenReasoning = wire.HiddenReasoning },
        "user_message" => new LettaUserMessage(wire.ContentText ?? JoinText(wire.ContentJson)),
        "ping" => new LettaPing(),
        "stop_reason" => new LettaStopReason(wire.StopReason ?? string.Empty),
        "usage_statistics" => MapUsage(in wire),
        "error_message" => MapError(in wire),
        "summary_message" => new LettaSummaryMessage(wire.Summary ?? string.Empty) { CompactionStatsJson = wire.CompactionStats?.GetRawText() },
        "event_message" => new LettaEventMessage(wire.EventType ?? string.Empty) { EventDataJson = wire.EventData?.GetRawText() },
        _ => new LettaUnknownItem(wire.MessageType ?? string.Empty),
    };

    private static LettaUsageStatistics MapUsage(in LettaFrameFields wire) => new()
    {
        PromptTokens = wire.PromptTokens ?? 0,
        CompletionTokens = wire.CompletionTokens ?? 0,
        TotalTokens = wire.TotalTokens ?? ((wire.PromptTokens ?? 0) + (wire.CompletionTokens ?? 0)),
        StepCount = (int)(wire.StepCount ?? 0),
        CachedInputTokens = wire.CachedInputTokens,
        ReasoningTokens = wire.ReasoningTokens,
        CacheWriteTokens = wire.CacheWriteTokens,
        ContextTokens = wire.ContextTokens,
        RunIds = ReadStrings(wire.RunIds),
    };

    /// <summary>Maps the payload of an <c>event: cancelled</c> frame.</summary>
    public static LettaRunCancelled MapCancelledEvent(in LettaFrameFields wire) => new(AsText(wire.Message) ?? "Run was cancelled")
    {
        RunId = wire.RunId,
        SeqId = wire.SeqId,
    };

    private static LettaStreamError MapError(in LettaFrameFields wire)
    {
        var message = AsText(wire.Message) ?? AsText(wire.Error) ?? ReadNested(wire.Error, "message") ?? AsText(wire.Detail) ?? "Letta reported an error.";
        return new LettaStreamError(message)
        {
            ErrorType = wire.ErrorType ?? ReadNested(wire.Error, "type"),
            Code = wire.Code,
            Detail = AsText(wire.Detail) ?? ReadNested(wire.Error, "detail"),
        };
    }

    private static DateTimeOffset? ParseDate(string? date) => LettaFrame.ParseDate(date);
}
