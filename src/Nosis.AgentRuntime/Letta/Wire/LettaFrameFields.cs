using System.Buffers.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The fields of one Letta message, read in one pass of a <see cref="Utf8JsonReader"/>; lives on the stack, never on the heap.</summary>
/// <remarks>
/// <para>
/// To read a new field: add it here, add it to <see cref="LettaField"/> and its name to <see cref="LettaFieldNames"/>, read it in
/// <see cref="Read"/>, and use it in <see cref="LettaStreamItemMapper"/>.
/// Unknown fields are skipped. A field of the wrong JSON type throws <see cref="JsonException"/>, which the client reports as
/// a malformed frame.
/// </para>
/// <para>Field names and shapes follow Letta's <c>letta/schemas/letta_message.py</c> and <c>letta_stop_reason.py</c> / <c>usage.py</c>.</para>
/// </remarks>
internal struct LettaFrameFields
{
    public string? MessageType;
    public string? Id;
    public string? Date;
    public string? Otid;
    public string? RunId;
    public string? StepId;
    public long? SeqId;
    public string? Name;
    public string? Reasoning;
    public string? ContentText;
    public JsonElement? ContentJson;
    public JsonElement? ToolCall;
    public JsonElement? ToolCalls;
    public JsonElement? ToolReturn;
    public JsonElement? ToolReturns;
    public string? State;
    public string? HiddenReasoning;
    public string? ToolCallId;
    public string? Status;
    public string? StopReason;
    public long? PromptTokens;
    public long? CompletionTokens;
    public long? TotalTokens;
    public long? StepCount;
    public long? CachedInputTokens;
    public long? ReasoningTokens;
    public long? CacheWriteTokens;
    public long? ContextTokens;
    public JsonElement? RunIds;
    public string? ErrorType;
    public JsonElement? Message;
    public JsonElement? Detail;
    public JsonElement? Error;
    public string? Code;
    public string? Summary;
    public JsonElement? CompactionStats;
    public string? EventType;
    public JsonElement? EventData;

    /// <summary>Reads the value of the property the reader stands on into its field, or skips it when it is not one of ours.</summary>
    /// <param name="reader">Positioned on a property name.</param>
    /// <param name="strings">Keeps the envelope strings that repeat from frame to frame.</param>
    public void Read(ref Utf8JsonReader reader, LettaRepeatedStrings strings)
    {
        var field = LettaFieldNames.Of(ref reader);
        reader.Read();
        switch (field)
        {
            case LettaField.MessageType: MessageType = strings.MessageType.Read(ref reader); break;
            case LettaField.Content: ReadContent(ref reader); break;
            case LettaField.Id: Id = strings.Id.Read(ref reader); break;
            case LettaField.Date: Date = strings.Date.Read(ref reader); break;
            case LettaField.Otid: Otid = strings.Otid.Read(ref reader); break;
            case LettaField.RunId: RunId = strings.RunId.Read(ref reader); break;
            case LettaField.StepId: StepId = strings.StepId.Read(ref reader); break;
            case LettaField.SeqId: SeqId = Number(ref reader); break;
            case LettaField.Reasoning: Reasoning = Text(ref reader); break;
            case LettaField.Name: Name = Text(ref reader); break;
            case LettaField.ToolCall: ToolCall = Element(ref reader); break;
            case LettaField.ToolCalls: ToolCalls = Element(ref reader); break;
            case LettaField.ToolReturn: ToolReturn = Element(ref reader); break;
            case LettaField.ToolReturns: ToolReturns = Element(ref reader); break;
            case LettaField.ToolCallId: ToolCallId = Text(ref reader); break;
            case LettaField.Status: Status = Text(ref reader); break;
            case LettaField.StopReason: StopReason = Text(ref reader); break;
            case LettaField.PromptTokens: PromptTokens = Number(ref reader); break;
            case LettaField.CompletionTokens: CompletionTokens = Number(ref reader); break;
            case LettaField.TotalTokens: TotalTokens = Number(ref reader); break;
            case LettaField.StepCount: StepCount = Number(ref reader); break;
            case LettaField.CachedInputTokens: CachedInputTokens = Number(ref reader); break;
            case LettaField.ReasoningTokens: ReasoningTokens = Number(ref reader); break;
            case LettaField.CacheWriteTokens: CacheWriteTokens = Number(ref reader); break;
            case LettaField.ContextTokens: ContextTokens = Number(ref reader); break;
            case LettaField.RunIds: RunIds = Element(ref reader); break;
            case LettaField.State: State = Text(ref reader); break;
            case LettaField.HiddenReasoning: HiddenReasoning = Text(ref reader); break;
            case LettaField.ErrorType: ErrorType = Text(ref reader); break;
            case LettaField.Message: Message = Element(ref reader); break;
            case LettaField.Detail: Detail = Element(ref reader); break;
            case LettaField.Error: Error = Element(ref reader); break;
            case LettaField.Code: Code = Text(ref reader); break;
            case LettaField.Summary: Summary = Text(ref reader); break;
            case LettaField.CompactionStats: CompactionStats = Element(ref reader); break;
            case LettaField.EventType: EventType = Text(ref reader); break;
            case LettaField.EventData: EventData = Element(ref reader); break;
            default: reader.Skip(); break;
        }
    }

    /// <summary>Reads a string or <c>null</c>; anything else is malformed.</summary>
    public static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a string, got {reader.TokenType}."),
    };

    private static JsonElement? Element(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>Reads an integer, written as a number or (as Letta's Python side may) a string; <c>null</c> stays <see langword="null"/>.</summary>
    private static long? Number(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var used) && used == reader.ValueSpan.Length:
                return parsed;
            case JsonTokenType.Null:
                return null;
            default:
                throw new JsonException($"Expected an integer, got {reader.TokenType}.");
        }
    }

    private void ReadContent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            ContentText = reader.GetString();
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            ContentJson = JsonElement.ParseValue(ref reader);
        }
    }
}
