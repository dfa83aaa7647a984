using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data;

/// <summary>Conversations over SQL: create, read, list, update and delete, always office-owned.</summary>
/// <remarks>
/// On a database not yet migrated, a legacy conversation without an office is backfilled when read or updated: it takes its
/// workspace's office, or its owner's personal office, by one conditional update (<c>… WHERE id = @c AND office_id IS NULL</c>)
/// followed by a fresh read, so concurrent readers end with the same office. Members are safe to call from many threads and
/// processes at once.
/// </remarks>
public sealed class SqlConversationStore
{
    private readonly AgentRuntimeDatabase _database;
    private readonly ConversationRows _rows;

    /// <summary>Initializes a new store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlConversationStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _rows = new ConversationRows(database);
    }

    /// <summary>Creates a conversation, resolving its office by the ownership policy.</summary>
    /// <param name="conversation">What to create.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored conversation.</returns>
    /// <exception cref="ArgumentException">The named workspace does not exist.</exception>
    /// <exception cref="OfficeOwnershipException">The named office is not the workspace's office.</exception>
    public async Task<ConversationRecord> CreateConversationAsync(NewConversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(conversation.UserId, nameof(conversation));
        _ = ThreadKinds.Of(conversation.WorkspaceId);
        var target = ExecutionTargets.ToWireName(conversation.ExecutionTarget);
        if (conversation.Id is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(conversation.Id, nameof(conversation));
        }

        if (conversation.OfficeId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(conversation.OfficeId, nameof(conversation));
        }

        var officeId = await ResolveOfficeAsync(conversation, cancellationToken).ConfigureAwait(false);
        var now = _database.Now();
        var record = new ConversationRecord(
            conversation.Id ?? SqlReader.NewId(),
            conversation.UserId,
            officeId,
            conversation.WorkspaceId,
            conversation.ExecutionTarget,
            AgentId: null,
            conversation.Title,
            DateTimeOffset.FromUnixTimeMilliseconds(now),
            DateTimeOffset.FromUnixTimeMilliseconds(now));
        await _database.Runner.ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, agent_id, title, created_at, updated_at) "
            + "VALUES (@id, @user, @office, @workspace, @target, NULL, @title, @now, @now)",
            [
                SqlParameterValue.Text("@id", record.Id),
                SqlParameterValue.Text("@user", record.UserId),
                SqlParameterValue.Text("@office", record.OfficeId),
                SqlParameterValue.Text("@workspace", record.WorkspaceId),
                SqlParameterValue.Text("@target", target),
                SqlParameterValue.Text("@title", record.Title),
                SqlParameterValue.Int64("@now", now),
            ],
            cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Reads a conversation, backfilling a legacy missing office first.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversation, or <see langword="null"/> when it does not exist.</returns>
    public async Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var row = await _rows.ReadAsync(conversationId, cancellationToken).ConfigureAwait(false);
        return await _rows.ToRecordAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads what the runtime needs to run a turn of a conversation.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The runtime record, always with an office, or <see langword="null"/> when the conversation does not exist.</returns>
    public async Task<ConversationRuntime?> GetRuntimeAsync(string conversationId, CancellationToken cancellationToken = default) =>
        (await GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false))?.ToRuntime();

    /// <summary>Lists conversations, newest change first.</summary>
    /// <param name="query">Filters and paging; <see langword="null"/> lists sandbox threads of every user.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The conversations.</returns>
    public async Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(ConversationQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new ConversationQuery();
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1000, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        var sql = new StringBuilder("SELECT ").Append(ConversationRows.Columns).Append(" FROM conversations WHERE ");
        var parameters = new List<SqlParameterValue> { SqlParameterValue.Text("@target", ExecutionTargets.ToWireName(query.ExecutionTarget)) };
        if (query.ExecutionTarget == ExecutionTarget.Sandbox)
        {
            // Read as the row reader reads a stored target: legacy NULL, blank and letter-case variants are sandbox too.
            sql.Append("(execution_target IS NULL OR LOWER(TRIM(execution_target)) IN ('', @legacy, @target))");
            parameters.Add(SqlParameterValue.Text("@legacy", ExecutionTargets.LegacyDefaultWireName));
        }
        else
        {
            sql.Append("LOWER(TRIM(execution_target)) = @target");
        }

        if (query.UserId is not null)
        {
            sql.Append(" AND user_id = @user");
            parameters.Add(SqlParameterValue.Text("@user", query.UserId));
        }

        if (query.OfficeId is not null)
        {
            sql.Append(" AND office_id = @office");
            parameters.Add(SqlParameterValue.Text("@office", query.OfficeId));
        }

        if (query.WorkspaceId is not null)
        {
            sql.Append(" AND workspace_id = @workspace");
            parameters.Add(SqlParameterValue.Text("@workspace", query.WorkspaceId));
        }

        switch (query.ThreadKind)
        {
            case ThreadKind.Chat:
                sql.Append(" AND ").Append(StoredIds.IsBlankSql("workspace_id"));
                break;
            case ThreadKind.Code:
                sql.Append(" AND NOT ").Append(StoredIds.IsBlankSql("workspace_id"));
                break;
            case null:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.ThreadKind, "Not a defined thread kind.");
        }

        sql.Append(" ORDER BY updated_at DESC, id DESC LIMIT @limit OFFSET @offset");
        parameters.Add(SqlParameterValue.Int64("@limit", query.Limit));
        parameters.Add(SqlParameterValue.Int64("@offset", query.Offset));
        var rows = await _database.Runner.QueryAsync(sql.ToString(), [.. parameters], ConversationRows.Map, cancellationToken).ConfigureAwait(false);
        var result = new List<ConversationRecord>(rows.Count);
        foreach (var row in rows)
        {
            if (await _rows.ToRecordAsync(row, cancellationToken).ConfigureAwait(false) is { } conversation)
            {
                result.Add(conversation);
            }
        }

        return result;
    }

    /// <summary>Changes a conversation's title, execution target or workspace attachment.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The conversation as stored afterwards, or <see langword="null"/> when it does not exist.</returns>
    /// <exception cref="ArgumentException">The workspace to attach does not exist.</exception>
    /// <exception cref="OfficeOwnershipException">The workspace to attach belongs to another office.</exception>
    public async Task<ConversationRecord?> UpdateConversationAsync(string conversationId, ConversationUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(update);
        var current = await GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        var sql = new StringBuilder("UPDATE conversations SET updated_at = @now");
        var parameters = new List<SqlParameterValue> { SqlParameterValue.Int64("@now", _database.Now()), SqlParameterValue.Text("@id", conversationId) };
        if (update.Title is not null)
        {
            sql.Append(", title = @title");
            parameters.Add(SqlParameterValue.Text("@title", update.Title));
        }

        if (update.ExecutionTarget is { } target)
        {
            sql.Append(", execution_target = @target");
            parameters.Add(SqlParameterValue.Text("@target", ExecutionTargets.ToWireName(target)));
        }

        if (update.ChangesWorkspace)
        {
            if (update.WorkspaceId is not null)
            {
                var workspace = await RequireWorkspaceAsync(update.WorkspaceId, cancellationToken).ConfigureAwait(false);
                if (workspace.OfficeId != current.OfficeId)
                {
                    throw new OfficeOwnershipException(
                        "The workspace belongs to another office than the conversation; a conversation is only attached to workspaces of its own office.");
                }
            }

            sql.Append(", workspace_id = @workspace");
            parameters.Add(SqlParameterValue.Text("@workspace", update.WorkspaceId));
        }

        sql.Append(" WHERE id = @id");
        await _database.Runner.ExecuteAsync(sql.ToString(), [.. parameters], cancellationToken).ConfigureAwait(false);
        return await GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a conversation and its messages.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when a conversation was deleted.</returns>
    public async Task<bool> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        _database.ReadAhead.Forget(conversationId);
        return await _database.Runner.ExecuteAsync(
            "DELETE FROM conversations WHERE id = @id", [SqlParameterValue.Text("@id", conversationId)], cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<string> ResolveOfficeAsync(NewConversation conversation, CancellationToken cancellationToken)
    {
        if (conversation.WorkspaceId is not null)
        {
            var workspace = await RequireWorkspaceAsync(conversation.WorkspaceId, cancellationToken).ConfigureAwait(false);
            if (conversation.OfficeId is not null && conversation.OfficeId != workspace.OfficeId)
            {
                throw new OfficeOwnershipException(
                    "The conversation names another office than its workspace's; a conversation with a workspace belongs to the workspace's office.");
            }

            return workspace.OfficeId;
        }

        return conversation.OfficeId
            ?? (await _database.Offices.GetOrCreatePersonalOfficeAsync(conversation.UserId, cancellationToken).ConfigureAwait(false)).Id;
    }

    private async Task<WorkspaceRecord> RequireWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        await _database.Workspaces.GetWorkspaceAsync(workspaceId, cancellationToken).ConfigureAwait(false)
            ?? throw new ArgumentException("The workspace does not exist.", nameof(workspaceId));
}
