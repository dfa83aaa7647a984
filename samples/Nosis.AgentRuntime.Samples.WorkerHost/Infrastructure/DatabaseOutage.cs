using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Tells a database that cannot be reached (or is busy) from a bug: the first is answered 503 with <c>Retry-After</c>.</summary>
internal static class DatabaseOutage
{
    /// <summary>The seconds a client is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Returns whether <paramref name="exception"/> (or one it wraps) says the database is unavailable for now.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case DbException { IsTransient: true }:
                    return true;
            }
        }

        return false;
    }
}
