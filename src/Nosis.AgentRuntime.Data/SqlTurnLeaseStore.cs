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
        var changed = await _database.Runner.ExecuteAsync(
            AcquireSql,
            [
                SqlParameterValue.Text("@owner", ownerToken),
                SqlParameterValue.Int64("@expires", now + (long)duration.TotalMilliseconds),
                SqlParameterValue.Text("@id", conversationId),
                SqlParameterValue.Int64("@now", now),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
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
        await _database.Runner.ExecuteAsync(
            ReleaseSql, [SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@owner", ownerToken)], cancellationToken)
            .ConfigureAwait(false);
    }

    private static void Validate(string conversationId, string ownerToken, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerToken);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }
}
