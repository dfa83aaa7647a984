using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>A plain ADO.NET connection to a test database, as a team's own tooling would open it: no library, and on SQLite foreign keys not enforced (SQLite's default).</summary>
public static class RawConnection
{
    /// <summary>Opens a connection, unpooled so that no handle outlives the test.</summary>
    /// <param name="database">The test database.</param>
    /// <returns>The open connection.</returns>
    public static async Task<DbConnection> OpenAsync(TestDatabase database)
    {
        DbConnection connection = database.Kind == DatabaseKind.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.Target, Pooling = false, ForeignKeys = false, DefaultTimeout = 30 }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.Target) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs statements in one transaction.</summary>
    /// <param name="database">The test database.</param>
    /// <param name="statements">The statements, plain SQL.</param>
    /// <returns>A task that completes once they are committed.</returns>
    public static async Task ExecuteAsync(TestDatabase database, IEnumerable<string> statements)
    {
        await using var connection = await OpenAsync(database);
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Runs a query and returns every row as strings.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The query.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await ReadAllAsync(command);
    }

    /// <summary>Runs a command and returns every row as strings (NULL as null).</summary>
    /// <param name="command">The command.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<string?[]>> ReadAllAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}
