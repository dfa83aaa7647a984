using System.Data.Common;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test: a temp SQLite file or a new PostgreSQL database; instances opened over it are disposed with it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly List<AgentRuntimeDatabase> _opened = [];
    private readonly string? _sqliteDirectory;

    private TestDatabase(DatabaseKind kind, string target, string? sqliteDirectory)
    {
        Kind = kind;
        Target = target;
        _sqliteDirectory = sqliteDirectory;
    }

    /// <summary>Gets which database this is.</summary>
    public DatabaseKind Kind { get; }

    /// <summary>Gets the SQLite file path or the PostgreSQL connection string: what a separate process needs to open it.</summary>
    public string Target { get; }

    /// <summary>Creates a fresh database.</summary>
    /// <param name="kind">Which database.</param>
    /// <returns>The database.</returns>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("nosis-sqlite-").FullName;
            return new TestDatabase(kind, Path.Combine(directory, "runtime.db"), directory);
        }

        var cluster = await SharedPostgresCluster.GetAsync();
        return new TestDatabase(kind, await cluster.CreateDatabaseAsync(), null);
    }

    /// <summary>Opens an instance over the database with its own data source, as another process would.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <returns>The instance, disposed with this database.</returns>
    public AgentRuntimeDatabase Open(TimeProvider? timeProvider = null)
    {
        var database = Kind == DatabaseKind.Sqlite
            ? AgentRuntimeDatabase.CreateSqlite(Target, timeProvider)
            : AgentRuntimeDatabase.CreatePostgres(Target, timeProvider);
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    /// <summary>Runs a raw statement with positional parameters <c>@p0</c>, <c>@p1</c>, …; for legacy rows and constraint probes.</summary>
    /// <param name="database">The instance to run it on.</param>
    /// <param name="sql">The statement.</param>
    /// <param name="values">The parameter values.</param>
    /// <returns>Rows affected.</returns>
    public static async Task<int> ExecuteAsync(AgentRuntimeDatabase database, string sql, params object?[] values)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = CreateCommand(connection, sql, values);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a raw query and returns every row as strings.</summary>
    /// <param name="database">The instance to run it on.</param>
    /// <param name="sql">The query.</param>
    /// <param name="values">The parameter values.</param>
    /// <returns>The rows.</returns>
    public static async Task<List<string?[]>> QueryAsync(AgentRuntimeDatabase database, string sql, params object?[] values)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        await using var command = CreateCommand(connection, sql, values);
        return await RawConnection.ReadAllAsync(command);
    }

    /// <summary>Disposes every instance opened over the database and deletes a SQLite file.</summary>
    /// <returns>A task that completes once released.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        if (_sqliteDirectory is not null)
        {
            Directory.Delete(_sqliteDirectory, recursive: true);
        }
    }

    private static DbCommand CreateCommand(DbConnection connection, string sql, object?[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = values[i] ?? DBNull.Value;
            if (values[i] is null)
            {
                parameter.DbType = System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }
}
