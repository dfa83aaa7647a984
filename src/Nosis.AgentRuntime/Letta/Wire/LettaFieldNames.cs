using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Finds which <see cref="LettaField"/> a property name is: by its length and one byte first, then by one comparison.</summary>
internal static class LettaFieldNames
{
    /// <summary>The longest field name, <c>cached_input_tokens</c>.</summary>
    private const int LongestName = 19;

    /// <summary>The longest escaped form a field name can take: every character written as <c>\uXXXX</c>.</summary>
    private const int LongestEscapedName = LongestName * 6;

    /// <summary>Returns the field of the property name the reader stands on.</summary>
    public static LettaField Of(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Of(reader.ValueSpan);
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > LongestEscapedName)
        {
            return LettaField.Unknown;
        }

        Span<byte> name = stackalloc byte[LongestEscapedName];
        return Of(name[..reader.CopyString(name)]);
    }

    /// <summary>Returns the field named by the unescaped UTF-8 <paramref name="name"/>.</summary>
    /// <remarks>The length and one distinguishing byte pick the single candidate; one comparison confirms it.</remarks>
    public static LettaField Of(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => Is(name, "id"u8, LettaField.Id),
        4 => name[0] switch
        {
            (byte)'d' => Is(name, "date"u8, LettaField.Date),
            (byte)'o' => Is(name, "otid"u8, LettaField.Otid),
            (byte)'n' => Is(name, "name"u8, LettaField.Name),
            _ => Is(name, "code"u8, LettaField.Code),
        },
        5 => name[0] == (byte)'s' ? Is(name, "state"u8, LettaField.State) : Is(name, "error"u8, LettaField.Error),
        6 => name[1] switch
        {
            (byte)'u' => Is(name, "run_id"u8, LettaField.RunId),
            (byte)'e' => Is(name, "seq_id"u8, LettaField.SeqId) | Is(name, "detail"u8, LettaField.Detail),
            _ => Is(name, "status"u8, LettaField.Status),
        },
        7 => name[0] switch
        {
            (byte)'c' => Is(name, "content"u8, LettaField.Content),
            (byte)'s' => Is(name, "step_id"u8, LettaField.StepId) | Is(name, "summary"u8, LettaField.Summary),
            (byte)'m' => Is(name, "message"u8, LettaField.Message),
            _ => Is(name, "run_ids"u8, LettaField.RunIds),
        },
        9 => name[0] == (byte)'r' ? Is(name, "reasoning"u8, LettaField.Reasoning) : Is(name, "tool_call"u8, LettaField.ToolCall),
        10 => name[0] switch
        {
            (byte)'t' => Is(name, "tool_calls"u8, LettaField.ToolCalls),
            (byte)'e' => name[1] == (byte)'r' ? Is(name, "error_type"u8, LettaField.ErrorType)
                : Is(name, "event_type"u8, LettaField.EventType) | Is(name, "event_data"u8, LettaField.EventData),
            _ => Is(name, "step_count"u8, LettaField.StepCount),
        },
        11 => name[0] == (byte)'t' ? Is(name, "tool_return"u8, LettaField.ToolReturn) : Is(name, "stop_reason"u8, LettaField.StopReason),
        12 => name[5] switch
        {
            (byte)'g' => Is(name, "message_type"u8, LettaField.MessageType),
            (byte)'r' => Is(name, "tool_returns"u8, LettaField.ToolReturns),
            (byte)'c' => Is(name, "tool_call_id"u8, LettaField.ToolCallId),
            _ => Is(name, "total_tokens"u8, LettaField.TotalTokens),
        },
        13 => Is(name, "prompt_tokens"u8, LettaField.PromptTokens),
        14 => Is(name, "context_tokens"u8, LettaField.ContextTokens),
        16 => name[0] switch
        {
            (byte)'h' => Is(name, "hidden_reasoning"u8, LettaField.HiddenReasoning),
            (byte)'c' => Is(name, "compaction_stats"u8, LettaField.CompactionStats),
            _ => Is(name, "reasoning_tokens"u8, LettaField.ReasoningTokens),
        },
        17 => Is(name, "completion_tokens"u8, LettaField.CompletionTokens),
        18 => Is(name, "cache_write_tokens"u8, LettaField.CacheWriteTokens),
        19 => Is(name, "cached_input_tokens"u8, LettaField.CachedInputTokens),
        _ => LettaField.Unknown,
    };

    /// <summary>Returns <paramref name="field"/> when the names are equal, <see cref="LettaField.Unknown"/> (zero) otherwise, so that two candidates combine with <c>|</c>.</summary>
    private static LettaField Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> candidate, LettaField field) =>
        name.SequenceEqual(candidate) ? field : LettaField.Unknown;
}
