using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Which database the worker uses: <c>Database:Provider</c> (<c>sqlite</c> or <c>postgres</c>) and <c>Database:ConnectionString</c>.</summary>
internal sealed record DatabaseSettings(SqlDialect Dialect, string ConnectionString, bool IsDefaultLocation)
{
    /// <summary>Reads the settings; an unusable value gives an error naming the key.</summary>
    public static DatabaseSettings Read(IConfiguration configuration, out string? error)
    {
        error = null;
        var provider = configuration["Database:Provider"];
        var connectionString = configuration["Database:ConnectionString"];
        switch (string.IsNullOrWhiteSpace(provider) ? "sqlite" : provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var path = Path.Combine(Path.GetTempPath(), "nosis-agent-runtime", "worker-host.db");
                    return new DatabaseSettings(SqlDialect.Sqlite, path, IsDefaultLocation: true);
                }

                // Either a plain file path or a SQLite connection string ("Data Source=...").
                var file = connectionString.Contains('=', StringComparison.Ordinal)
                    ? new SqliteConnectionStringBuilder(connectionString).DataSource
                    : connectionString;
                return new DatabaseSettings(SqlDialect.Sqlite, file, IsDefaultLocation: false);
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    error = "Database:ConnectionString is required when Database:Provider is postgres (an Npgsql connection string).";
                }

                return new DatabaseSettings(SqlDialect.PostgreSql, connectionString ?? string.Empty, IsDefaultLocation: false);
            default:
                error = $"Database:Provider must be 'sqlite' (the default) or 'postgres', not '{provider}'.";
                return new DatabaseSettings(SqlDialect.Sqlite, string.Empty, IsDefaultLocation: false);
        }
    }

    /// <summary>Opens the database (the SQLite file's folder is created when missing).</summary>
    public AgentRuntimeDatabase Open()
    {
        if (Dialect == SqlDialect.PostgreSql)
        {
            return AgentRuntimeDatabase.CreatePostgres(ConnectionString);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(ConnectionString));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return AgentRuntimeDatabase.CreateSqlite(ConnectionString);
    }
}
