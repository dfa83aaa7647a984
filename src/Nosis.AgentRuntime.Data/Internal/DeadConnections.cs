using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>Tells a pooled PostgreSQL connection that died while idle (the server restarted or ended it) from every other failure.</summary>
/// <remarks>
/// Such a connection fails on its first use: the server's farewell (<c>57P01</c> admin shutdown, <c>57P02</c> crash shutdown)
/// or a reset socket. The backend that would have run the statement is gone, so the statement never ran and running it once
/// more on a new connection is safe; every statement the stores send is also written to be harmless when repeated (inserts
/// <c>ON CONFLICT DO NOTHING</c>, owner- or value-conditioned updates).
/// </remarks>
internal static class DeadConnections
{
    public static bool IsDead(Exception exception)
    {
        if (exception is PostgresException postgres)
        {
            return postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown;
        }

        return exception is NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException };
    }

    /// <summary>Drops the idle connections of the pool, which died with the one that failed.</summary>
    public static void ClearPool(DbDataSource dataSource)
    {
        if (dataSource is NpgsqlDataSource npgsql)
        {
            npgsql.Clear();
        }
    }
}
