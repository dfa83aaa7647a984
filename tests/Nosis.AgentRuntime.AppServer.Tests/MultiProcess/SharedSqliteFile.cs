using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>A migrated SQLite database in a scratch file that several processes open at once; the directory is deleted on dispose.</summary>
public sealed class SharedSqliteFile : IAsyncDisposable
{
    private readonly string _directory;

    private SharedSqliteFile(string directory, AgentRuntimeDatabase database)
    {
        _directory = directory;
        Database = database;
    }

    /// <summary>Gets the database file's path, as the workers get it on their command line.</summary>
    public string Path => System.IO.Path.Combine(_directory, "runtime.db");

    /// <summary>Gets this process's handle on the database.</summary>
    public AgentRuntimeDatabase Database { get; }

    /// <summary>Creates and migrates a new database file.</summary>
    public static async Task<SharedSqliteFile> CreateAsync()
    {
        var directory = Directory.CreateTempSubdirectory("nosis-appserver-race-").FullName;
        var database = AgentRuntimeDatabase.CreateSqlite(System.IO.Path.Combine(directory, "runtime.db"));
        await database.MigrateAsync();
        return new SharedSqliteFile(directory, database);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A worker that was killed may still be releasing the file; the scratch directory is under the temp folder.
        }
    }
}
