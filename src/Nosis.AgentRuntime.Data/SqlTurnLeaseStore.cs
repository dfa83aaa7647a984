using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>Turn leases over SQL: each member is one conditional UPDATE on the conversation row (owner token, expiry).</summary>
/// <remarks>
/// <para>
/// Expiry times come from the database's <see cref="TimeProvider"/>, not the database clock: that keeps one SQL text for
/// SQLite and PostgreSQL (their "now" functions differ) and lets tests drive time. Hosts sharing a database must keep their
/// clocks in sync (NTP); choose lease durations far above the skew between them, since a host whose clock runs ahead by
/// <c>d</c> may take over a lease <c>d</c> early.
/// </para>
/// <para>
/// A renewal succeeds only while the lease has not expired: once it has, the owner must acquire it again (which succeeds when
/// no other owner took it over). An owner may still release its expired lease. Acquiring a lease already held by the same
/// token renews it. Leases need schema version 3.
/// </para>
/// </remarks>
public sealed class SqlTurnLeaseStore : ITurnLeaseStore
{
    private const string AcquireSql =
        "UPDATE conversations SET lease_owner = @owner, lease_expires_at = @expires "
        + "WHERE id = @id AND (lease_owner IS NULL OR lease_expires_at <= @now OR lease_owner = @owner)";

    /// <summary>The PostgreSQL acquisition: the same update, returning what the turn reads next (agent, active run, latest message).</summary>
    private const string AcquireAndReadSql =
        "WITH acquired AS (" + AcquireSql + " RETURNING agent_id, " + SqlActiveRunStore.Columns + ") "
        + "SELECT m.*, a.* FROM acquired a LEFT JOIN LATERAL (SELECT " + MessageRows.Columns
        + " FROM messages WHERE conversation_id = @id ORDER BY created_at DESC, seq DESC LIMIT 1) m ON TRUE";

    private const string RenewSql = "UPDATE conversations SET lease_expires_at = @expires WHERE id = @id AND lease_owner = @owner AND lease_expires_at > @now";

    private const string ReleaseSql = "UPDATE conversations SET lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND lease_owner = @owner";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes a new lease store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlTurnLeaseStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public async Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Validate(conversationId, ownerToken, duration);
        var now = _database.Now();
        SqlParameterValue[] parameters =
        [
            SqlParameterValue.Text("@owner", ownerToken),
            SqlParameterValue.Int64("@expires", now + (long)duration.TotalMilliseconds),
            SqlParameterValue.Text("@id", conversationId),
            SqlParameterValue.Int64("@now", now),
        ];
        if (_database.Dialect != SqlDialect.PostgreSql)
        {
            return await _database.Runner.ExecuteAsync(AcquireSql, parameters, cancellationToken).ConfigureAwait(false) == 1;
        }

        // One round trip takes the lease and reads what the turn asks next; SQLite has no data-modifying WITH, and no round trip to save.
        var writesBefore = _database.ReadAhead.Writes;
        var read = await _database.Runner.QuerySingleAsync(
            AcquireAndReadSql,
            parameters,
            reader => new AcquiredRow(
                reader.IsDBNull(0) ? null : MessageRows.Map(reader),
                SqlReader.NullableString(reader, MessageRows.Count),
                SqlActiveRunStore.Map(conversationId, reader, MessageRows.Count + 1)),
            cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return false;
        }

        _database.ReadAhead.Keep(writesBefore, conversationId, read.AgentId, read.Run, read.Latest);
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Validate(conversationId, ownerToken, duration);
        var now = _database.Now();
        var changed = await _database.Runner.ExecuteAsync(
            RenewSql,
            [
                SqlParameterValue.Int64("@expires", now + (long)duration.TotalMilliseconds),
                SqlParameterValue.Text("@id", conversationId),
                SqlParameterValue.Text("@owner", ownerToken),
                SqlParameterValue.Int64("@now", now),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerToken);
        _database.ReadAhead.Forget(conversationId);
        await _database.Runner.ExecuteAsync(
            ReleaseSql, [SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@owner", ownerToken)], cancellationToken)
            .ConfigureAwait(false);
    }

    private sealed record AcquiredRow(MessageRecord? Latest, string? AgentId, ActiveRun? Run);

    private static void Validate(string conversationId, string ownerToken, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerToken);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }
}
