using System.Data.Common;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>Runs parameterised statements, one pooled connection per operation.</summary>
/// <remarks>
/// An operation whose pooled connection turns out dead (the server restarted while it sat idle, <see cref="DeadConnections"/>)
/// runs once more on a new connection after the pool's idle connections are dropped, so a database restart costs no request
/// once the database is back. The retry is bounded to that one attempt; any other failure surfaces as it is.
/// </remarks>
internal sealed class SqlRunner(DbDataSource dataSource)
{
    public Task<int> ExecuteAsync(string sql, SqlParameterValue[] parameters, CancellationToken cancellationToken) =>
        WithConnectionAsync(connection => ExecuteAsync(connection, null, sql, parameters, cancellationToken), cancellationToken);

    public Task<T?> QuerySingleAsync<T>(string sql, SqlParameterValue[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class =>
        WithConnectionAsync(connection => QuerySingleAsync(connection, null, sql, parameters, map, cancellationToken), cancellationToken);

    public Task<List<T>> QueryAsync<T>(string sql, SqlParameterValue[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        WithConnectionAsync(connection => QueryAsync(connection, null, sql, parameters, map, cancellationToken), cancellationToken);

    /// <summary>Runs work on one pooled connection; work that found its connection dead runs once more on a new one.</summary>
    /// <remarks>The work must be safe to run twice when its first run failed on a dead connection (one statement, or one transaction).</remarks>
    public async Task<T> WithConnectionAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    return await work(connection).ConfigureAwait(false);
                }
                catch (DbException exception) when (attempt == 1 && DeadConnections.IsDead(exception) && !cancellationToken.IsCancellationRequested)
                {
                    DeadConnections.ClearPool(dataSource);
                }
            }
        }
    }

    public static Task<List<T>> QueryAsync<T>(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        SqlParameterValue[] parameters,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken) =>
        ReadAsync(
            connection,
            transaction,
            sql,
            parameters,
            async reader =>
            {
                var rows = new List<T>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add(map(reader));
                }

                return rows;
            },
            cancellationToken);

    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, SqlParameterValue[] parameters, CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task<T?> QuerySingleAsync<T>(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        SqlParameterValue[] parameters,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken)
        where T : class =>
        ReadAsync(
            connection,
            transaction,
            sql,
            parameters,
            async reader => await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : null,
            cancellationToken);

    public static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, SqlParameterValue[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var parameter in parameters)
        {
            var dbParameter = command.CreateParameter();
            dbParameter.ParameterName = parameter.Name;
            dbParameter.DbType = parameter.Type;
            dbParameter.Value = parameter.Value ?? DBNull.Value;
            command.Parameters.Add(dbParameter);
        }

        return command;
    }

    private static async Task<T> ReadAsync<T>(
        DbConnection connection,
        DbTransaction? transaction,
        string sql,
        SqlParameterValue[] parameters,
        Func<DbDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var command = CreateCommand(connection, transaction, sql, parameters);
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await read(reader).ConfigureAwait(false);
            }
        }
    }
}
