using System.Data.Common;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>Runs parameterised statements, one pooled connection per operation.</summary>
internal sealed class SqlRunner(DbDataSource dataSource)
{
    public async Task<int> ExecuteAsync(string sql, SqlParameterValue[] parameters, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await ExecuteAsync(connection, null, sql, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<T?> QuerySingleAsync<T>(string sql, SqlParameterValue[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QuerySingleAsync(connection, null, sql, parameters, map, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<List<T>> QueryAsync<T>(string sql, SqlParameterValue[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await QueryAsync(connection, null, sql, parameters, map, cancellationToken).ConfigureAwait(false);
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
