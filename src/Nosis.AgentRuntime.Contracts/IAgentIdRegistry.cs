namespace Nosis.AgentRuntime.Contracts;

/// <summary>Stores which Letta agent a conversation uses, and lets exactly one caller claim it.</summary>
/// <remarks>
/// <see cref="TryClaimAgentIdAsync"/> must be a true compare-and-set: it succeeds only when no agent is set yet, even when
/// many processes race (<c>UPDATE … SET agent_id = @a WHERE id = @c AND agent_id IS NULL</c> in SQL terms). Members are
/// called without a captured synchronization context.
/// </remarks>
public interface IAgentIdRegistry
{
    /// <summary>Reads the conversation's agent id; may be served from a cache.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The agent id, or <see langword="null"/> when none is set or the conversation does not exist.</returns>
    Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Sets the conversation's agent id only if none is set yet.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="agentId">The agent to claim.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns><see langword="true"/> when this call stored <paramref name="agentId"/>; <see langword="false"/> when an agent was already set or the conversation does not exist.</returns>
    Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default);

    /// <summary>Reads the agent id from the source of truth, bypassing any cache: the winner after a lost claim.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The agent id, or <see langword="null"/> when none is set or the conversation does not exist.</returns>
    Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default);
}
