using Npgsql;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Counts the statements one database received, with <c>pg_stat_statements</c> read from another database of the cluster.</summary>
/// <remarks>Resets (<c>DISCARD ALL</c>) are utility statements and count like any other (<c>pg_stat_statements.track_utility</c> is on by default).</remarks>
public sealed class PostgresStatements(string adminConnectionString, string databaseName) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _admin = NpgsqlDataSource.Create(adminConnectionString);

    public async Task InstallAsync()
    {
        await using var command = _admin.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async Task ResetAsync()
    {
        await using var command = _admin.CreateCommand("SELECT pg_stat_statements_reset()");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>Waits until the count has not moved for <paramref name="quiet"/> (the reply is stored and the lease freed after the stream ends), then reads it.</summary>
    public async Task<IReadOnlyList<(string Query, long Calls)>> ReadSettledAsync(TimeSpan quiet)
    {
        var last = await ReadAsync().ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(quiet).ConfigureAwait(false);
            var now = await ReadAsync().ConfigureAwait(false);
            if (now.Sum(s => s.Calls) == last.Sum(s => s.Calls))
            {
                return now;
            }

            last = now;
        }
    }

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    private async Task<List<(string Query, long Calls)>> ReadAsync()
    {
        await using var command = _admin.CreateCommand(
            "SELECT s.query, s.calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.calls DESC, s.query");
        command.Parameters.Add(new NpgsqlParameter { Value = databaseName });
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }
}
