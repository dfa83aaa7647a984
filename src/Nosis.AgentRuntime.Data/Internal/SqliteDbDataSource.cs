using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>A <see cref="DbDataSource"/> over Microsoft.Data.Sqlite, which ships none; its connections come from its own pool.</summary>
/// <remarks>
/// Every opened connection sets <c>PRAGMA busy_timeout</c>, so a writer that finds the database locked by another process
/// waits inside SQLite, which retries within milliseconds of the lock's release. Without it Microsoft.Data.Sqlite retries a
/// busy statement itself, sleeping 150 ms between attempts, and turns serialised across processes crawl.
/// </remarks>
internal sealed class SqliteDbDataSource(string connectionString) : DbDataSource
{
    private const string BusyTimeout = "PRAGMA busy_timeout = 30000";

    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(ConnectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = BusyTimeout;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = BusyTimeout;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
