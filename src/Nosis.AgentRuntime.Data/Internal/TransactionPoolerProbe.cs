using System.Data.Common;
using Npgsql;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>Refuses Npgsql's automatic preparation (<c>Max Auto Prepare</c>) behind a transaction pooler such as PgBouncer in transaction mode.</summary>
/// <remarks>
/// A prepared statement lives on one server connection, but a transaction pooler hands each transaction whichever server
/// connection is free: one client's <c>_auto0</c> then collides with another's (<c>42P05</c>) or, worse, runs another client's
/// statement. The probe asks for the backend of one client connection twice, with a transaction held open on a second client
/// connection in between: connected directly (or through a session pooler), a client connection keeps its backend; behind a
/// transaction pooler the held transaction takes the backend the first client just gave back, so the first client gets another.
/// </remarks>
internal static class TransactionPoolerProbe
{
    public static async Task RefuseAutoPrepareBehindPoolerAsync(DbDataSource dataSource, CancellationToken cancellationToken)
    {
        if (dataSource is not NpgsqlDataSource npgsql || new NpgsqlConnectionStringBuilder(npgsql.ConnectionString).MaxAutoPrepare <= 0)
        {
            return;
        }

        if (await IsBehindTransactionPoolerAsync(npgsql, cancellationToken).ConfigureAwait(false))
        {
            throw new DatabaseConfigurationException(
                "The PostgreSQL connection string sets 'Max Auto Prepare', but the connections go through a transaction pooler (PgBouncer in "
                + "transaction mode?), where one client's prepared statements reach other clients: remove 'Max Auto Prepare' from the connection "
                + "string (docs/many-workers.md), or connect directly or through a session pooler.");
        }
    }

    private static async Task<bool> IsBehindTransactionPoolerAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var first = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (first.ConfigureAwait(false))
        {
            var before = await BackendAsync(first, null, cancellationToken).ConfigureAwait(false);
            var second = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (second.ConfigureAwait(false))
            {
                var held = await second.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (held.ConfigureAwait(false))
                {
                    _ = await BackendAsync(second, held, cancellationToken).ConfigureAwait(false);
                    return await BackendAsync(first, null, cancellationToken).ConfigureAwait(false) != before;
                }
            }
        }
    }

    private static async Task<int> BackendAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
    }
}
