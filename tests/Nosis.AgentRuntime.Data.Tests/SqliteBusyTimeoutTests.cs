namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>SQLite connections wait inside SQLite for a lock another process holds, rather than in Microsoft.Data.Sqlite's 150 ms retry sleeps.</summary>
public sealed class SqliteBusyTimeoutTests
{
    [Test]
    public async Task OpenConnection_Sqlite_SetsABusyTimeoutOnEveryConnection()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nosis-busy-{Guid.NewGuid():N}.db");
        try
        {
            await using var database = AgentRuntimeDatabase.CreateSqlite(path);
            for (var i = 0; i < 2; i++)
            {
                await using var connection = i == 0 ? await database.DataSource.OpenConnectionAsync() : database.DataSource.OpenConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout";
                Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(30_000);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
