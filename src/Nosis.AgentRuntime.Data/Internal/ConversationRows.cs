using System.Data.Common;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>
/// Reads conversation rows as stored, legacy ones included, and turns them into records: a blank workspace id is cleared, a
/// missing office is backfilled (its workspace's, else its owner's personal office) by one conditional update followed by a
/// fresh read, so concurrent readers end with the same office; the target reads by <see cref="StoredExecutionTarget"/>.
/// </summary>
internal sealed class ConversationRows(AgentRuntimeDatabase database)
{
    public const string Columns = "id, user_id, office_id, workspace_id, execution_target, agent_id, title, created_at, updated_at";

    private const string SelectByIdSql = "SELECT " + Columns + " FROM conversations WHERE id = @id";

    public Task<Row?> ReadAsync(string conversationId, CancellationToken cancellationToken) =>
        database.Runner.QuerySingleAsync(SelectByIdSql, [SqlParameterValue.Text("@id", conversationId)], Map, cancellationToken);

    public async Task<ConversationRecord?> ToRecordAsync(Row? row, CancellationToken cancellationToken)
    {
        for (var current = row; current is not null; current = await ReadAsync(current.Id, cancellationToken).ConfigureAwait(false))
        {
            if (current.WorkspaceId is not null && StoredIds.IsBlank(current.WorkspaceId))
            {
                _ = await database.Runner.ExecuteAsync(
                    "UPDATE conversations SET workspace_id = NULL WHERE id = @id AND workspace_id IS NOT NULL AND TRIM(workspace_id) = ''",
                    [SqlParameterValue.Text("@id", current.Id)],
                    cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!StoredIds.IsBlank(current.OfficeId))
            {
                return new ConversationRecord(
                    current.Id,
                    current.UserId,
                    current.OfficeId!,
                    current.WorkspaceId,
                    StoredExecutionTarget.Read(current.ExecutionTarget),
                    current.AgentId,
                    current.Title,
                    current.CreatedAt,
                    current.UpdatedAt);
            }

            var officeId = current.WorkspaceId is not null
                ? (await database.Workspaces.GetWorkspaceAsync(current.WorkspaceId, cancellationToken).ConfigureAwait(false))?.OfficeId
                : null;
            officeId ??= (await database.Offices.GetOrCreatePersonalOfficeAsync(current.UserId, cancellationToken).ConfigureAwait(false)).Id;
            var changed = await database.Runner.ExecuteAsync(
                $"UPDATE conversations SET office_id = @office WHERE id = @id AND {StoredIds.IsBlankSql("office_id")}",
                [SqlParameterValue.Text("@office", officeId), SqlParameterValue.Text("@id", current.Id)],
                cancellationToken).ConfigureAwait(false);
            database.CountOfficeBackfills(changed);
        }

        return null;
    }

    public static Row Map(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        SqlReader.NullableString(reader, 2),
        SqlReader.NullableString(reader, 3),
        SqlReader.NullableString(reader, 4),
        SqlReader.NullableString(reader, 5),
        SqlReader.NullableString(reader, 6),
        SqlReader.Timestamp(reader, 7),
        SqlReader.Timestamp(reader, 8));

    /// <summary>A conversation row as stored: a legacy row may lack its office, or hold a blank workspace id or target.</summary>
    internal sealed record Row(
        string Id,
        string UserId,
        string? OfficeId,
        string? WorkspaceId,
        string? ExecutionTarget,
        string? AgentId,
        string? Title,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);
}
