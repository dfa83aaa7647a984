using System.Data.Common;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The columns of the messages table in the order the stores select them, and the mapping of a selected row.</summary>
internal static class MessageRows
{
    public const string Columns =
        "id, conversation_id, role, user_id, content, model, input_tokens, output_tokens, completion, is_truncated, agent_id, run_id, created_at, "
        + "reasoning_tokens, cached_input_tokens, step_count, cache_write_tokens, context_tokens, tool_calls, parts_json";

    /// <summary>Gets how many columns <see cref="Columns"/> names.</summary>
    public const int Count = 20;

    public static MessageRecord Map(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), MessageColumns.ParseRole(reader.GetString(2)), reader.GetString(4), SqlReader.Timestamp(reader, 12))
        {
            UserId = SqlReader.NullableString(reader, 3),
            Model = SqlReader.NullableString(reader, 5),
            InputTokens = SqlReader.NullableInt64(reader, 6),
            OutputTokens = SqlReader.NullableInt64(reader, 7),
            ReasoningTokens = SqlReader.NullableInt64(reader, 13),
            CachedInputTokens = SqlReader.NullableInt64(reader, 14),
            StepCount = SqlReader.NullableInt32(reader, 15),
            CacheWriteTokens = SqlReader.NullableInt64(reader, 16),
            ContextTokens = SqlReader.NullableInt64(reader, 17),
            ToolCalls = ToolCallColumn.Read(SqlReader.NullableString(reader, 18)),
            Completion = SqlReader.NullableString(reader, 8) is { } completion ? MessageColumns.ParseCompletion(completion) : null,
            IsTruncated = reader.GetInt64(9) != 0,
            AgentId = SqlReader.NullableString(reader, 10),
            RunId = SqlReader.NullableString(reader, 11),
            Parts = MessagePartsJson.Read(SqlReader.NullableString(reader, 19)),
        };
}
