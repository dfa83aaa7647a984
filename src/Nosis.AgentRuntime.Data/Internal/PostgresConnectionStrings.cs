using System.Data.Common;
using Npgsql;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The defaults <see cref="AgentRuntimeDatabase.CreatePostgres"/> adds to a connection string that does not set them.</summary>
internal static class PostgresConnectionStrings
{
    /// <summary>Turns off the reset (<c>DISCARD ALL</c>) Npgsql sends each time a pooled connection is handed back, unless the string sets it.</summary>
    /// <remarks>
    /// The stores leave no session state behind for a reset to clear: no <c>SET</c>, temporary tables, <c>LISTEN</c>, cursors or
    /// session-level advisory locks (the migration lock is <c>pg_advisory_xact_lock</c>, released with its transaction), and
    /// Npgsql rolls back a transaction still open on a returned connection with or without the reset. The reset would cost a
    /// statement on every operation, which is about half of a turn's statements. A host that shares the data source with code
    /// that does set session state passes its own data source, or <c>No Reset On Close=false</c>.
    /// </remarks>
    public static string WithDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsReset = given.Keys.Cast<string>().Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase));
        return setsReset ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }
}
