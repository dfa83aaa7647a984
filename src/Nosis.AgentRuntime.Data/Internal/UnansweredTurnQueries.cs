using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The unanswered-turn reads of <see cref="SqlMessageStore"/>: conversations whose latest message (by <c>created_at</c>, then <c>seq</c>) is a user message.</summary>
/// <remarks>Both read through <c>ix_messages_conversation (conversation_id, created_at, seq)</c>; no migration is needed.</remarks>
internal sealed class UnansweredTurnQueries(SqlRunner runner, TurnReadAhead readAhead)
{
    private const string LatestSql =
        "SELECT " + MessageRows.Columns + " FROM messages WHERE conversation_id = @conversation ORDER BY created_at DESC, seq DESC LIMIT 1";

    private const string UnansweredSql =
        "SELECT " + MessageRows.Columns + " FROM messages m WHERE m.role = 'user' AND m.created_at < @before "
        + "AND NOT EXISTS (SELECT 1 FROM messages n WHERE n.conversation_id = m.conversation_id "
        + "AND (n.created_at > m.created_at OR (n.created_at = m.created_at AND n.seq > m.seq))) "
        + "ORDER BY m.created_at, m.seq LIMIT @limit";

    public async Task<UserMessage?> FindAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (!readAhead.TryTakeLatestMessage(conversationId, out var latest))
        {
            latest = await runner.QuerySingleAsync(
                LatestSql, [SqlParameterValue.Text("@conversation", conversationId)], MessageRows.Map, cancellationToken).ConfigureAwait(false);
        }

        return latest is { Role: MessageRole.User } ? MessageRecordConversion.ToConversationMessage(latest).User : null;
    }

    public async Task<IReadOnlyList<UserMessage>> ListAsync(DateTimeOffset savedBefore, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var rows = await runner.QueryAsync(
            UnansweredSql,
            [SqlParameterValue.Int64("@before", SqlReader.ToUnixMilliseconds(savedBefore)), SqlParameterValue.Int64("@limit", limit)],
            MessageRows.Map,
            cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => MessageRecordConversion.ToConversationMessage(r).User!)];
    }
}
