using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>The conversation's turn state for background runs over SQL: each member is one statement on the conversation row.</summary>
/// <remarks>One SQL text for SQLite and PostgreSQL. Runs of conversations that do not exist are refused. Needs schema version 7.</remarks>
public sealed class SqlActiveRunStore : IActiveRunStore
{
    private const string SetSql =
        "UPDATE conversations SET active_run_id = @run, active_run_agent_id = @agent, active_run_message_id = @message, "
        + "active_run_seq_id = @seq, active_run_started_at = @started WHERE id = @id";

    private const string AdvanceSql =
        "UPDATE conversations SET active_run_seq_id = @seq "
        + "WHERE id = @id AND active_run_id = @run AND (active_run_seq_id IS NULL OR active_run_seq_id < @seq)";

    /// <summary>The run's columns in the order <see cref="Map"/> reads them.</summary>
    internal const string Columns = "active_run_agent_id, active_run_id, active_run_message_id, active_run_started_at, active_run_seq_id";

    private const string GetSql = "SELECT " + Columns + " FROM conversations WHERE id = @id AND active_run_id IS NOT NULL";

    private const string ClearSql =
        "UPDATE conversations SET active_run_id = NULL, active_run_agent_id = NULL, active_run_message_id = NULL, "
        + "active_run_seq_id = NULL, active_run_started_at = NULL WHERE id = @id AND active_run_id = @run";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes a new store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlActiveRunStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public async Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.RunId, nameof(run));
        _database.ReadAhead.ForgetActiveRun(run.ConversationId);
        var changed = await _database.Runner.ExecuteAsync(
            SetSql,
            [
                SqlParameterValue.Text("@run", run.RunId),
                SqlParameterValue.Text("@agent", run.AgentId),
                SqlParameterValue.Text("@message", run.AssistantMessageId),
                SqlParameterValue.Int64("@seq", run.LastSeqId),
                SqlParameterValue.Int64("@started", SqlReader.ToUnixMilliseconds(run.StartedAt)),
                SqlParameterValue.Text("@id", run.ConversationId),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> AdvanceAsync(string conversationId, string runId, long seqId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _database.ReadAhead.ForgetActiveRun(conversationId);
        var changed = await _database.Runner.ExecuteAsync(
            AdvanceSql,
            [SqlParameterValue.Int64("@seq", seqId), SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@run", runId)],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public Task<ActiveRun?> GetActiveRunAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return _database.ReadAhead.TryTakeActiveRun(conversationId, out var run)
            ? Task.FromResult(run)
            : _database.Runner.QuerySingleAsync(GetSql, [SqlParameterValue.Text("@id", conversationId)], reader => Map(conversationId, reader, 0)!, cancellationToken);
    }

    /// <summary>Reads a run from <see cref="Columns"/> starting at <paramref name="offset"/>; <see langword="null"/> when none is recorded.</summary>
    internal static ActiveRun? Map(string conversationId, System.Data.Common.DbDataReader reader, int offset) =>
        reader.IsDBNull(offset + 1)
            ? null
            : new ActiveRun(conversationId, reader.GetString(offset), reader.GetString(offset + 1), reader.GetString(offset + 2), SqlReader.Timestamp(reader, offset + 3))
            {
                LastSeqId = SqlReader.NullableInt64(reader, offset + 4),
            };

    /// <inheritdoc/>
    public async Task<bool> ClearActiveRunAsync(string conversationId, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        _database.ReadAhead.ForgetActiveRun(conversationId);
        var changed = await _database.Runner.ExecuteAsync(
            ClearSql, [SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@run", runId)], cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }
}
