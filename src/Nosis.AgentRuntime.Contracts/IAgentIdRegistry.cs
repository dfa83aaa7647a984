namespace Nosis.AgentRuntime.Contracts;

/// <summary>Stores which Letta agent a conversation uses, and lets exactly one caller claim it.</summary>
/// <remarks>
/// <see cref="TryClaimAgentIdAsync"/> must be a true compare-and-set: it succeeds only when no agent is set yet, even when
/// many processes race (<c>UPDATE … SET agent_id = @a WHERE id = @c AND agent_id IS NULL</c> in SQL terms).
/// <see cref="TryReplaceAgentIdAsync"/> is the same compare-and-set from a known (lost) agent to a new one. Members are
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

    /// <summary>Replaces the conversation's agent id only if it still is <paramref name="expectedAgentId"/>: the re-claim after Letta lost that agent.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="expectedAgentId">The agent the caller found gone.</param>
    /// <param name="newAgentId">The agent to store instead.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns>
    /// <see langword="true"/> when this call stored <paramref name="newAgentId"/>; <see langword="false"/> when the conversation no
    /// longer holds <paramref name="expectedAgentId"/> (another caller replaced it first) or does not exist.
    /// </returns>
    /// <remarks>
    /// A true compare-and-set (<c>UPDATE … SET agent_id = @new WHERE id = @c AND agent_id = @expected</c> in SQL terms). The default
    /// implementation throws <see cref="NotSupportedException"/>, so registries written before this member compile unchanged; the
    /// runtime then leaves a conversation whose agent is gone failing rather than guessing.
    /// </remarks>
    /// <exception cref="NotSupportedException">The registry cannot replace an agent id.</exception>
    Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot replace a conversation's agent id; implement IAgentIdRegistry.TryReplaceAgentIdAsync.");
}
