namespace Nosis.AgentRuntime.Data;

/// <summary>The SQL database behind an <see cref="AgentRuntimeDatabase"/>.</summary>
/// <remarks>Only the migrations differ by dialect; every runtime statement is the same SQL text on both.</remarks>
public enum SqlDialect
{
    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded default for a single machine.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL through Npgsql: for hosts on many machines.</summary>
    PostgreSql = 1,
}
