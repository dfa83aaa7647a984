using System.Buffers.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The fields of one Letta message, read in one pass of a <see cref="Utf8JsonReader"/>; lives on the stack, never on the heap.</summary>
/// <remarks>
/// <para>
/// To read a new field: add it here, add its name to <see cref="Read"/>, and use it in <see cref="LettaStreamItemMapper"/>.
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

    /// <summary>Reads the value of the property the reader stands on into its field, or skips it when it is not one of ours.</summary>
    /// <param name="reader">Positioned on a property name.</param>
    /// <param name="strings">Keeps the envelope strings that repeat from frame to frame.</param>
    public void Read(ref Utf8JsonReader reader, LettaRepeatedStrings strings)
    {
        // Ordered by how often Letta sends them: the envelope of every token delta first.
        if (reader.ValueTextEquals("message_type"u8)) { reader.Read(); MessageType = strings.MessageType.Read(ref reader); }
        else if (reader.ValueTextEquals("content"u8)) { reader.Read(); ReadContent(ref reader); }
        else if (reader.ValueTextEquals("id"u8)) { reader.Read(); Id = strings.Id.Read(ref reader); }
        else if (reader.ValueTextEquals("date"u8)) { reader.Read(); Date = strings.Date.Read(ref reader); }
        else if (reader.ValueTextEquals("otid"u8)) { reader.Read(); Otid = strings.Otid.Read(ref reader); }
        else if (reader.ValueTextEquals("run_id"u8)) { reader.Read(); RunId = strings.RunId.Read(ref reader); }
        else if (reader.ValueTextEquals("step_id"u8)) { reader.Read(); StepId = strings.StepId.Read(ref reader); }
        else if (reader.ValueTextEquals("seq_id"u8)) { reader.Read(); SeqId = Number(ref reader); }
        else if (reader.ValueTextEquals("reasoning"u8)) { reader.Read(); Reasoning = Text(ref reader); }
        else if (reader.ValueTextEquals("name"u8)) { reader.Read(); Name = Text(ref reader); }
        else if (reader.ValueTextEquals("tool_call"u8)) { reader.Read(); ToolCall = Element(ref reader); }
        else if (reader.ValueTextEquals("tool_calls"u8)) { reader.Read(); ToolCalls = Element(ref reader); }
        else if (reader.ValueTextEquals("tool_return"u8)) { reader.Read(); ToolReturn = Element(ref reader); }
        else if (reader.ValueTextEquals("tool_returns"u8)) { reader.Read(); ToolReturns = Element(ref reader); }
        else if (reader.ValueTextEquals("tool_call_id"u8)) { reader.Read(); ToolCallId = Text(ref reader); }
        else if (reader.ValueTextEquals("status"u8)) { reader.Read(); Status = Text(ref reader); }
        else if (reader.ValueTextEquals("stop_reason"u8)) { reader.Read(); StopReason = Text(ref reader); }
        else if (reader.ValueTextEquals("prompt_tokens"u8)) { reader.Read(); PromptTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("completion_tokens"u8)) { reader.Read(); CompletionTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("total_tokens"u8)) { reader.Read(); TotalTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("step_count"u8)) { reader.Read(); StepCount = Number(ref reader); }
        else if (reader.ValueTextEquals("cached_input_tokens"u8)) { reader.Read(); CachedInputTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("reasoning_tokens"u8)) { reader.Read(); ReasoningTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("cache_write_tokens"u8)) { reader.Read(); CacheWriteTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("context_tokens"u8)) { reader.Read(); ContextTokens = Number(ref reader); }
        else if (reader.ValueTextEquals("run_ids"u8)) { reader.Read(); RunIds = Element(ref reader); }
        else if (reader.ValueTextEquals("state"u8)) { reader.Read(); State = Text(ref reader); }
        else if (reader.ValueTextEquals("hidden_reasoning"u8)) { reader.Read(); HiddenReasoning = Text(ref reader); }
        else if (reader.ValueTextEquals("error_type"u8)) { reader.Read(); ErrorType = Text(ref reader); }
        else if (reader.ValueTextEquals("message"u8)) { reader.Read(); Message = Element(ref reader); }
        else if (reader.ValueTextEquals("detail"u8)) { reader.Read(); Detail = Element(ref reader); }
        else if (reader.ValueTextEquals("error"u8)) { reader.Read(); Error = Element(ref reader); }
        else if (reader.ValueTextEquals("code"u8)) { reader.Read(); Code = Text(ref reader); }
        else { reader.Read(); reader.Skip(); }
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
