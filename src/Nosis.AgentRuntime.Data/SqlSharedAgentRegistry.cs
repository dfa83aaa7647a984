using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>The <see cref="ISharedAgentRegistry"/> over the <c>shared_agents</c> table and <c>conversations.letta_conversation_id</c> (migration 8).</summary>
/// <remarks>Every claim and replacement is one conditional statement, the same SQL on SQLite and PostgreSQL; reads are never cached.</remarks>
public sealed class SqlSharedAgentRegistry : ISharedAgentRegistry
{
    private const string SelectAgentSql = "SELECT agent_id FROM shared_agents WHERE scope_key = @key";

    // Creates the scope's row with the agent, or fills the agent of a row that has none; a filled row is left alone (0 rows).
    private const string ClaimAgentSql =
        "INSERT INTO shared_agents (scope_key, office_id, user_id, agent_id, created_at, updated_at) VALUES (@key, @office, @user, @agent, @now, @now) "
        + "ON CONFLICT (scope_key) DO UPDATE SET agent_id = excluded.agent_id, updated_at = excluded.updated_at WHERE shared_agents.agent_id IS NULL";

    private const string ReplaceAgentSql = "UPDATE shared_agents SET agent_id = @agent, updated_at = @now WHERE scope_key = @key AND agent_id = @expected";

    private const string SelectConversationSql = "SELECT letta_conversation_id FROM conversations WHERE id = @id";

    private const string ClaimConversationSql = "UPDATE conversations SET letta_conversation_id = @letta, updated_at = @now WHERE id = @id AND letta_conversation_id IS NULL";

    private const string ReplaceConversationSql =
        "UPDATE conversations SET letta_conversation_id = @letta, updated_at = @now WHERE id = @id AND letta_conversation_id = @expected";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes the registry.</summary>
    /// <param name="database">The database (migrated to version 8 or later).</param>
    public SqlSharedAgentRegistry(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    public Task<string?> ReadSharedAgentIdAsync(SharedAgentKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReadAsync(SelectAgentSql, SqlParameterValue.Text("@key", key.Value), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> TryClaimSharedAgentIdAsync(SharedAgentKey key, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        var changed = await _database.Runner.ExecuteAsync(
            ClaimAgentSql,
            [
                SqlParameterValue.Text("@key", key.Value), SqlParameterValue.Text("@office", key.OfficeId), SqlParameterValue.Text("@user", key.UserId),
                SqlParameterValue.Text("@agent", agentId), SqlParameterValue.Int64("@now", _database.Now()),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TryReplaceSharedAgentIdAsync(SharedAgentKey key, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedAgentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newAgentId);
        var changed = await _database.Runner.ExecuteAsync(
            ReplaceAgentSql,
            [
                SqlParameterValue.Text("@agent", newAgentId), SqlParameterValue.Int64("@now", _database.Now()),
                SqlParameterValue.Text("@key", key.Value), SqlParameterValue.Text("@expected", expectedAgentId),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public Task<string?> ReadLettaConversationIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return ReadAsync(SelectConversationSql, SqlParameterValue.Text("@id", conversationId), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> TryClaimLettaConversationIdAsync(string conversationId, string lettaConversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(lettaConversationId);
        var changed = await _database.Runner.ExecuteAsync(
            ClaimConversationSql,
            [SqlParameterValue.Text("@letta", lettaConversationId), SqlParameterValue.Int64("@now", _database.Now()), SqlParameterValue.Text("@id", conversationId)],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TryReplaceLettaConversationIdAsync(string conversationId, string expectedLettaConversationId, string newLettaConversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedLettaConversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newLettaConversationId);
        var changed = await _database.Runner.ExecuteAsync(
            ReplaceConversationSql,
            [
                SqlParameterValue.Text("@letta", newLettaConversationId), SqlParameterValue.Int64("@now", _database.Now()),
                SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@expected", expectedLettaConversationId),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    private async Task<string?> ReadAsync(string sql, SqlParameterValue parameter, CancellationToken cancellationToken)
    {
        var row = await _database.Runner.QuerySingleAsync(sql, [parameter], reader => new IdRow(SqlReader.NullableString(reader, 0)), cancellationToken).ConfigureAwait(false);
        return row?.Id;
    }

    private sealed record IdRow(string? Id);
}
