using System.Data.Common;
using System.Globalization;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>What a migration step runs against: one connection and its open transaction.</summary>
internal sealed class MigrationContext(DbConnection connection, DbTransaction transaction, SqlDialect dialect, long now)
{
    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public SqlDialect Dialect => dialect;

    public long Now => now;

    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params SqlParameterValue[] parameters) =>
        SqlRunner.ExecuteAsync(connection, transaction, sql, parameters, cancellationToken);

    public async Task ExecuteAllAsync(IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await ExecuteAsync(statement, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params SqlParameterValue[] parameters) =>
        SqlRunner.QueryAsync(connection, transaction, sql, parameters, map, cancellationToken);

    /// <summary>Runs a query and returns its first column as text (NULL as the empty string).</summary>
    public Task<List<string>> QueryStringsAsync(string sql, CancellationToken cancellationToken, params SqlParameterValue[] parameters) =>
        QueryAsync(sql, reader => Text(reader, 0), cancellationToken, parameters);

    /// <summary>Reads a column as text whatever its stored type; NULL as the empty string.</summary>
    public static string Text(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? string.Empty : Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? string.Empty;
}
