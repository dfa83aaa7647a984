using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Which database the worker uses: <c>Database:Provider</c> (<c>sqlite</c> or <c>postgres</c>) and <c>Database:ConnectionString</c>.</summary>
internal sealed record DatabaseSettings(SqlDialect Dialect, string ConnectionString, bool IsDefaultLocation)
{
    /// <summary>The pool size per worker when the PostgreSQL connection string sets none.</summary>
    public const int DefaultMaxPoolSize = 8;

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

                try
                {
                    return new DatabaseSettings(SqlDialect.PostgreSql, WithPoolDefault(connectionString ?? string.Empty), IsDefaultLocation: false);
                }
                catch (ArgumentException exception)
                {
                    // The builder's message names the position, never the string's values.
                    error = $"Database:ConnectionString is not an Npgsql connection string: {exception.Message}";
                    return new DatabaseSettings(SqlDialect.PostgreSql, string.Empty, IsDefaultLocation: false);
                }
            default:
                error = $"Database:Provider must be 'sqlite' (the default) or 'postgres', not '{provider}'.";
                return new DatabaseSettings(SqlDialect.Sqlite, string.Empty, IsDefaultLocation: false);
        }
    }

    /// <summary>
    /// Caps the worker's pool at <see cref="DefaultMaxPoolSize"/> connections unless the string sets <c>Maximum Pool Size</c>: Npgsql's
    /// default of 100 lets two workers take PostgreSQL's default 100 connections (docs/many-workers.md, "Pool size per worker").
    /// </summary>
    internal static string WithPoolDefault(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsPool = given.Keys.Cast<string>().Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal)
            is { } name && (name.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || name.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)));
        return setsPool ? connectionString : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
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
