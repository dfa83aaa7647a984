using System.Data.Common;
using System.Text;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>Workspaces over SQL; every workspace is owned by an office.</summary>
/// <remarks>
/// On a database not yet migrated, a legacy workspace without an office is given its creator's personal office when it is
/// read, by one conditional update that concurrent readers agree on. Members are safe to call from many threads at once.
/// </remarks>
public sealed class SqlWorkspaceStore
{
    private const string Columns = "id, office_id, user_id, name, created_at, updated_at";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes a new store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlWorkspaceStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Creates a workspace in the given office, or in the user's personal office when none is named.</summary>
    /// <param name="workspace">What to create.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored workspace.</returns>
    public async Task<WorkspaceRecord> CreateWorkspaceAsync(NewWorkspace workspace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace.UserId, nameof(workspace));
        ArgumentException.ThrowIfNullOrWhiteSpace(workspace.Name, nameof(workspace));
        if (workspace.Id is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(workspace.Id, nameof(workspace));
        }

        var officeId = workspace.OfficeId
            ?? (await _database.Offices.GetOrCreatePersonalOfficeAsync(workspace.UserId, cancellationToken).ConfigureAwait(false)).Id;
        var now = _database.Now();
        var record = new WorkspaceRecord(
            workspace.Id ?? SqlReader.NewId(),
            officeId,
            workspace.UserId,
            workspace.Name,
            DateTimeOffset.FromUnixTimeMilliseconds(now),
            DateTimeOffset.FromUnixTimeMilliseconds(now));
        await _database.Runner.ExecuteAsync(
            "INSERT INTO workspaces (" + Columns + ") VALUES (@id, @office, @user, @name, @now, @now)",
            [
                SqlParameterValue.Text("@id", record.Id),
                SqlParameterValue.Text("@office", record.OfficeId),
                SqlParameterValue.Text("@user", record.UserId),
                SqlParameterValue.Text("@name", record.Name),
                SqlParameterValue.Int64("@now", now),
            ],
            cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Reads a workspace.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The workspace, or <see langword="null"/> when it does not exist.</returns>
    public async Task<WorkspaceRecord?> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        var row = await ReadAsync(workspaceId, cancellationToken).ConfigureAwait(false);
        return await EnsureOfficeAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists workspaces, newest change first.</summary>
    /// <param name="officeId">The office to list, or <see langword="null"/> for all.</param>
    /// <param name="userId">The creator to list, or <see langword="null"/> for all.</param>
    /// <param name="limit">The most rows to return, 1 to 1000.</param>
    /// <param name="offset">How many rows to skip.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The workspaces.</returns>
    public async Task<IReadOnlyList<WorkspaceRecord>> ListWorkspacesAsync(
        string? officeId = null, string? userId = null, int limit = 50, int offset = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var sql = new StringBuilder("SELECT ").Append(Columns).Append(" FROM workspaces WHERE 1 = 1");
        var parameters = new List<SqlParameterValue>();
        if (officeId is not null)
        {
            sql.Append(" AND office_id = @office");
            parameters.Add(SqlParameterValue.Text("@office", officeId));
        }

        if (userId is not null)
        {
            sql.Append(" AND user_id = @user");
            parameters.Add(SqlParameterValue.Text("@user", userId));
        }

        sql.Append(" ORDER BY updated_at DESC, id DESC LIMIT @limit OFFSET @offset");
        parameters.Add(SqlParameterValue.Int64("@limit", limit));
        parameters.Add(SqlParameterValue.Int64("@offset", offset));
        var rows = await _database.Runner.QueryAsync(sql.ToString(), [.. parameters], Map, cancellationToken).ConfigureAwait(false);
        var result = new List<WorkspaceRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (await EnsureOfficeAsync(row, cancellationToken).ConfigureAwait(false) is { } workspace)
            {
                result.Add(workspace);
            }
        }

        return result;
    }

    /// <summary>Renames a workspace.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="name">The new name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The workspace as stored, or <see langword="null"/> when it does not exist.</returns>
    public async Task<WorkspaceRecord?> RenameWorkspaceAsync(string workspaceId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var changed = await _database.Runner.ExecuteAsync(
            "UPDATE workspaces SET name = @name, updated_at = @now WHERE id = @id",
            [SqlParameterValue.Text("@name", name), SqlParameterValue.Int64("@now", _database.Now()), SqlParameterValue.Text("@id", workspaceId)],
            cancellationToken).ConfigureAwait(false);
        return changed == 0 ? null : await GetWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a workspace; refused by the database while conversations are still attached to it.</summary>
    /// <param name="workspaceId">The workspace.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a workspace was deleted.</returns>
    /// <exception cref="DbException">Conversations are still attached to the workspace.</exception>
    public async Task<bool> DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        return await _database.Runner.ExecuteAsync(
            "DELETE FROM workspaces WHERE id = @id", [SqlParameterValue.Text("@id", workspaceId)], cancellationToken).ConfigureAwait(false) > 0;
    }

    private Task<LegacyWorkspaceRow?> ReadAsync(string workspaceId, CancellationToken cancellationToken) =>
        _database.Runner.QuerySingleAsync(
            "SELECT " + Columns + " FROM workspaces WHERE id = @id", [SqlParameterValue.Text("@id", workspaceId)], Map, cancellationToken);

    private async Task<WorkspaceRecord?> EnsureOfficeAsync(LegacyWorkspaceRow? row, CancellationToken cancellationToken)
    {
        for (var current = row; current is not null; current = await ReadAsync(current.Id, cancellationToken).ConfigureAwait(false))
        {
            if (!StoredIds.IsBlank(current.OfficeId))
            {
                return new WorkspaceRecord(current.Id, current.OfficeId!, current.UserId, current.Name, current.CreatedAt, current.UpdatedAt);
            }

            var office = await _database.Offices.GetOrCreatePersonalOfficeAsync(current.UserId, cancellationToken).ConfigureAwait(false);
            var changed = await _database.Runner.ExecuteAsync(
                $"UPDATE workspaces SET office_id = @office WHERE id = @id AND {StoredIds.IsBlankSql("office_id")}",
                [SqlParameterValue.Text("@office", office.Id), SqlParameterValue.Text("@id", current.Id)],
                cancellationToken).ConfigureAwait(false);
            _database.CountOfficeBackfills(changed);
        }

        return null;
    }

    private static LegacyWorkspaceRow Map(DbDataReader reader) => new(
        reader.GetString(0),
        SqlReader.NullableString(reader, 1),
        reader.GetString(2),
        reader.GetString(3),
        SqlReader.Timestamp(reader, 4),
        SqlReader.Timestamp(reader, 5));

    private sealed record LegacyWorkspaceRow(string Id, string? OfficeId, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
