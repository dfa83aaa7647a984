using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data;

/// <summary>The agent id of each conversation over SQL; the claim is one conditional UPDATE, a true compare-and-set across processes.</summary>
/// <remarks>
/// Nothing is cached: every read goes to the database, but for <see cref="GetAgentIdAsync"/> just after this process took the
/// conversation's turn lease on PostgreSQL, which answers once what the lease statement read in the same round trip.
/// </remarks>
public sealed class SqlAgentIdRegistry : IAgentIdRegistry
{
    private const string SelectSql = "SELECT agent_id FROM conversations WHERE id = @id";

    private const string ClaimSql = "UPDATE conversations SET agent_id = @agent, updated_at = @now WHERE id = @id AND agent_id IS NULL";

    private const string ReplaceSql = "UPDATE conversations SET agent_id = @agent, updated_at = @now WHERE id = @id AND agent_id = @expected";

    private readonly AgentRuntimeDatabase _database;

    /// <summary>Initializes a new registry over a database.</summary>
    /// <param name="database">The database.</param>
    public SqlAgentIdRegistry(AgentRuntimeDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc/>
    /// <remarks>Just after this process took the conversation's turn lease, answers what the lease statement read (see <c>SqlTurnLeaseStore</c>).</remarks>
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        _database.ReadAhead.TryTakeAgentId(conversationId, out var agentId) ? Task.FromResult(agentId) : ReadClaimedAgentIdAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        _database.ReadAhead.ForgetAgentId(conversationId);
        var changed = await _database.Runner.ExecuteAsync(
            ClaimSql,
            [SqlParameterValue.Text("@agent", agentId), SqlParameterValue.Int64("@now", _database.Now()), SqlParameterValue.Text("@id", conversationId)],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedAgentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newAgentId);
        _database.ReadAhead.ForgetAgentId(conversationId);
        var changed = await _database.Runner.ExecuteAsync(
            ReplaceSql,
            [
                SqlParameterValue.Text("@agent", newAgentId), SqlParameterValue.Int64("@now", _database.Now()),
                SqlParameterValue.Text("@id", conversationId), SqlParameterValue.Text("@expected", expectedAgentId),
            ],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc/>
    public async Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var row = await _database.Runner.QuerySingleAsync(
            SelectSql, [SqlParameterValue.Text("@id", conversationId)], reader => new AgentIdRow(SqlReader.NullableString(reader, 0)), cancellationToken)
            .ConfigureAwait(false);
        return row?.AgentId;
    }

    private sealed record AgentIdRow(string? AgentId);
}
