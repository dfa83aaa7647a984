using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>A fresh database for worker hosts: a SQLite file in a temp folder, or a new database on the shared PostgreSQL cluster.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _folder;

    private TestDatabase(DatabaseKind kind, string connectionString, string? folder)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _folder = folder;
    }

    public DatabaseKind Kind { get; }

    public string ConnectionString { get; }

    /// <summary>Gets the environment variables that point a worker host at this database.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Database__Provider"] = Kind == DatabaseKind.Postgres ? "postgres" : "sqlite",
        ["Database__ConnectionString"] = ConnectionString,
    };

    /// <summary>Creates the database; ignores the test when PostgreSQL is not installed, or fails it when CI is "true".</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("nosis-worker-").FullName;
            return new TestDatabase(kind, Path.Combine(folder, "worker.db"), folder);
        }

        var cluster = await SharedPostgresCluster.GetAsync();
        return new TestDatabase(kind, await cluster.CreateDatabaseAsync("worker"), folder: null);
    }

    /// <summary>Opens the database directly, as the worker does, to insert or count rows behind the API's back.</summary>
    public AgentRuntimeDatabase Open() =>
        Kind == DatabaseKind.Postgres ? AgentRuntimeDatabase.CreatePostgres(ConnectionString) : AgentRuntimeDatabase.CreateSqlite(ConnectionString);

    public ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return ValueTask.CompletedTask;
    }
}
