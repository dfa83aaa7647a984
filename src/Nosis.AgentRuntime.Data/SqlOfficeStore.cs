using System.Data.Common;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>Offices over SQL: one personal office per user, created race-free, and shared offices.</summary>
/// <remarks>Members are safe to call from many threads and processes at once.</remarks>
public sealed class SqlOfficeStore
{
    internal const string PersonalOfficeName = "Personal office";

    private const string Columns = "id, name, personal_user_id, created_at";

    private const string InsertPersonalSql =
        "INSERT INTO offices (id, name, personal_user_id, created_at) VALUES (@id, @name, @user, @now) ON CONFLICT (personal_user_id) DO NOTHING";

    private const string SelectPersonalSql = "SELECT " + Columns + " FROM offices WHERE personal_user_id = @user";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes a new store over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlOfficeStore(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Returns the user's personal office, creating it when missing; concurrent callers all get the same one.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The personal office.</returns>
    public async Task<OfficeRecord> GetOrCreatePersonalOfficeAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return await _database.Runner.WithConnectionAsync(
            connection => GetOrCreatePersonalOfficeAsync(connection, null, userId, _database.Now(), cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a shared (non-personal) office.</summary>
    /// <param name="name">The display name.</param>
    /// <param name="officeId">The id to use, or <see langword="null"/> to generate one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The office.</returns>
    public async Task<OfficeRecord> CreateOfficeAsync(string name, string? officeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var office = new OfficeRecord(officeId ?? SqlReader.NewId(), name, null, DateTimeOffset.FromUnixTimeMilliseconds(_database.Now()));
        await _database.Runner.ExecuteAsync(
            "INSERT INTO offices (id, name, personal_user_id, created_at) VALUES (@id, @name, NULL, @now)",
            [
                SqlParameterValue.Text("@id", office.Id),
                SqlParameterValue.Text("@name", office.Name),
                SqlParameterValue.Int64("@now", SqlReader.ToUnixMilliseconds(office.CreatedAt)),
            ],
            cancellationToken).ConfigureAwait(false);
        return office;
    }

    /// <summary>Reads an office.</summary>
    /// <param name="officeId">The office.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The office, or <see langword="null"/> when it does not exist.</returns>
    public Task<OfficeRecord?> GetOfficeAsync(string officeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(officeId);
        return _database.Runner.QuerySingleAsync(
            "SELECT " + Columns + " FROM offices WHERE id = @id", [SqlParameterValue.Text("@id", officeId)], Map, cancellationToken);
    }

    internal static async Task<OfficeRecord> GetOrCreatePersonalOfficeAsync(
        DbConnection connection, DbTransaction? transaction, string userId, long now, CancellationToken cancellationToken)
    {
        // Fast path: the office usually exists already, and a read takes no write lock.
        var existing = await SqlRunner.QuerySingleAsync(
            connection, transaction, SelectPersonalSql, [SqlParameterValue.Text("@user", userId)], Map, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing;
        }

        await SqlRunner.ExecuteAsync(
            connection,
            transaction,
            InsertPersonalSql,
            [
                SqlParameterValue.Text("@id", SqlReader.NewId()),
                SqlParameterValue.Text("@name", PersonalOfficeName),
                SqlParameterValue.Text("@user", userId),
                SqlParameterValue.Int64("@now", now),
            ],
            cancellationToken).ConfigureAwait(false);
        return await SqlRunner.QuerySingleAsync(
                connection, transaction, SelectPersonalSql, [SqlParameterValue.Text("@user", userId)], Map, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The personal office was neither inserted nor found; the offices table is missing its unique key on personal_user_id.");
    }

    private static OfficeRecord Map(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), SqlReader.NullableString(reader, 2), SqlReader.Timestamp(reader, 3));
}
