namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>Which database a fixture runs on.</summary>
public enum DatabaseKind
{
    /// <summary>A temp SQLite file.</summary>
    Sqlite,

    /// <summary>A fresh database in the shared throw-away PostgreSQL cluster.</summary>
    PostgreSql,
}
