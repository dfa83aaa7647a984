using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.GuideExample;

/// <summary>The worked example of docs/adapter-guide.md: an agent id registry over one SQLite table.</summary>
public sealed class SqliteAgentIdRegistry(string connectionString) : IAgentIdRegistry
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, agent_id TEXT NULL);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO conversations (id, agent_id) VALUES ($id, NULL)";
        command.Parameters.AddWithValue("$id", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ReadAsync(conversationId, cancellationToken);

    public async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // The compare-and-set: one statement, and the database decides who wins.
        command.CommandText = "UPDATE conversations SET agent_id = $agent WHERE id = $id AND agent_id IS NULL";
        command.Parameters.AddWithValue("$agent", agentId);
        command.Parameters.AddWithValue("$id", conversationId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    // No cache here, so the fresh read is the same query.
    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        ReadAsync(conversationId, cancellationToken);

    private async Task<string?> ReadAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
