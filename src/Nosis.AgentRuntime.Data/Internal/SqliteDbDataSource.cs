using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>A <see cref="DbDataSource"/> over Microsoft.Data.Sqlite, which ships none; its connections come from its own pool.</summary>
internal sealed class SqliteDbDataSource(string connectionString) : DbDataSource
{
    public override string ConnectionString { get; } = connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(ConnectionString);
}
