using System.Data.Common;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Applies <see cref="SchemaMigrations.All"/> in order, each once, each in its own transaction, safely from many processes at once.</summary>
/// <remarks>
/// Each transaction first takes the database-wide migration lock — <c>pg_advisory_xact_lock</c> on PostgreSQL, the write lock
/// of <c>BEGIN IMMEDIATE</c> on SQLite — then reads <c>schema_migrations</c>: a migration another process applied meanwhile is
/// skipped. Before the first change, the checks of every pending migration run in a transaction that is rolled back, so a
/// refusal (<see cref="SchemaMigrationException"/>) leaves the database exactly as it was. On SQLite foreign keys are off while
/// migrating (a table rebuild needs it); the rebuild itself runs <c>PRAGMA foreign_key_check</c> on what it rebuilt before the commit.
/// </remarks>
internal sealed class SchemaMigrator(AgentRuntimeDatabase database)
{
    /// <summary>The advisory lock key of the migrations: "NosisART" as a 64-bit integer.</summary>
    private const long AdvisoryLockKey = 0x4E6F_7369_7341_5254;

    private const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public async Task MigrateAsync(int targetVersion, CancellationToken cancellationToken)
    {
        await TransactionPoolerProbe.RefuseAutoPrepareBehindPoolerAsync(database.DataSource, cancellationToken).ConfigureAwait(false);
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var sqlite = database.Dialect == SqlDialect.Sqlite;
            var foreignKeysWereOn = false;
            if (sqlite)
            {
                // WAL lets readers work while one process writes; it is stored in the file, so setting it once is enough.
                await QueryScalarAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
                foreignKeysWereOn = Convert.ToInt64(
                    await QueryScalarAsync(connection, null, "PRAGMA foreign_keys", cancellationToken).ConfigureAwait(false),
                    System.Globalization.CultureInfo.InvariantCulture) == 1;
                await SqlRunner.ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF", [], cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await PreflightAsync(connection, targetVersion, cancellationToken).ConfigureAwait(false);
                foreach (var migration in SchemaMigrations.All)
                {
                    if (migration.Version > targetVersion)
                    {
                        break;
                    }

                    await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (sqlite && foreignKeysWereOn)
                {
                    await SqlRunner.ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON", [], CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    public async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var existsSql = database.Dialect == SqlDialect.Sqlite
                ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
                : "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'";
            var exists = Convert.ToInt64(await QueryScalarAsync(connection, null, existsSql, cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (exists == 0)
            {
                return 0;
            }

            var version = await QueryScalarAsync(connection, null, "SELECT MAX(version) FROM schema_migrations", cancellationToken).ConfigureAwait(false);
            return version is null or DBNull ? 0 : Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private async Task PreflightAsync(DbConnection connection, int targetVersion, CancellationToken cancellationToken)
    {
        var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var context = new MigrationContext(connection, transaction, database.Dialect, database.Now());
                var applied = await context.QueryStringsAsync("SELECT version FROM schema_migrations", cancellationToken).ConfigureAwait(false);
                var pending = SchemaMigrations.All.Where(m => m.Version <= targetVersion
                    && !applied.Contains(m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal));
                foreach (var migration in pending)
                {
                    var preflight = migration.PreflightAsync is null
                        ? MigrationPreflight.Passed
                        : await migration.PreflightAsync(context, cancellationToken).ConfigureAwait(false);
                    if (preflight.Problems.Count > 0)
                    {
                        throw new SchemaMigrationException(migration.Version, migration.Name, preflight.Problems);
                    }

                    if (preflight.CreatesSchema)
                    {
                        break; // the later migrations run on tables this one creates: nothing of the user's to check
                    }
                }
            }
            finally
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Begins a transaction holding the database-wide migration lock, with <c>schema_migrations</c> in place.</summary>
    private async Task<DbTransaction> BeginLockedAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE (the default Serializable level): the write lock is taken up front.
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (database.Dialect == SqlDialect.PostgreSql)
            {
                await QueryScalarAsync(
                    connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, SqlParameterValue.Int64("@key", AdvisoryLockKey))
                    .ConfigureAwait(false);
            }

            await SqlRunner.ExecuteAsync(connection, transaction, CreateTableSql, [], cancellationToken).ConfigureAwait(false);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ApplyAsync(DbConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        var transaction = await BeginLockedAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var applied = await QueryScalarAsync(
                connection,
                transaction,
                "SELECT COUNT(*) FROM schema_migrations WHERE version = @version",
                cancellationToken,
                SqlParameterValue.Int64("@version", migration.Version)).ConfigureAwait(false);
            if (Convert.ToInt64(applied, System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            var now = database.Now();
            await migration.ApplyAsync(new MigrationContext(connection, transaction, database.Dialect, now), cancellationToken).ConfigureAwait(false);
            await SqlRunner.ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)",
                [SqlParameterValue.Int64("@version", migration.Version), SqlParameterValue.Text("@name", migration.Name), SqlParameterValue.Int64("@now", now)],
                cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> QueryScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params SqlParameterValue[] parameters)
    {
        var command = SqlRunner.CreateCommand(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
