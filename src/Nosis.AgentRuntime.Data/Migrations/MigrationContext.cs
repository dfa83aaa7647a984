using System.Data.Common;
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

    public async Task<List<string>> QueryStringsAsync(string sql, CancellationToken cancellationToken, params SqlParameterValue[] parameters)
    {
        var command = SqlRunner.CreateCommand(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                var values = new List<string>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    values.Add(reader.IsDBNull(0) ? string.Empty : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }

                return values;
            }
        }
    }
}
