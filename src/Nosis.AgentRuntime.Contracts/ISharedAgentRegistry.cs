namespace Nosis.AgentRuntime.Contracts;

/// <summary>Stores the agents of the shared scopes and the Letta conversation of each host conversation in them.</summary>
/// <remarks>
/// Two kinds of rows, each claimed by a true compare-and-set even when many processes race: a shared agent per
/// <see cref="SharedAgentKey"/> (<c>INSERT … ON CONFLICT (scope_key) DO UPDATE SET agent_id = @a WHERE agent_id IS NULL</c> in SQL
/// terms), and a Letta conversation id per host conversation (<c>UPDATE conversations SET letta_conversation_id = @l WHERE id = @c
/// AND letta_conversation_id IS NULL</c>). The replace members are the same compare-and-set from a known (lost) id to a new one.
/// Reads come from the source of truth, never a cache. Members are called without a captured synchronization context.
/// </remarks>
public interface ISharedAgentRegistry
{
    /// <summary>Reads the agent a shared scope uses.</summary>
    /// <param name="key">The scope.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The agent id, or <see langword="null"/> when none is claimed yet.</returns>
    Task<string?> ReadSharedAgentIdAsync(SharedAgentKey key, CancellationToken cancellationToken = default);

    /// <summary>Stores the agent of a shared scope only if none is stored yet.</summary>
    /// <param name="key">The scope.</param>
    /// <param name="agentId">The agent to claim.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns><see langword="true"/> when this call stored <paramref name="agentId"/>.</returns>
    Task<bool> TryClaimSharedAgentIdAsync(SharedAgentKey key, string agentId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the agent of a shared scope only if it still is <paramref name="expectedAgentId"/>: the re-claim after Letta lost it.</summary>
    /// <param name="key">The scope.</param>
    /// <param name="expectedAgentId">The agent the caller found gone.</param>
    /// <param name="newAgentId">The agent to store instead.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns><see langword="true"/> when this call stored <paramref name="newAgentId"/>.</returns>
    Task<bool> TryReplaceSharedAgentIdAsync(SharedAgentKey key, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default);

    /// <summary>Reads the Letta conversation a host conversation runs in.</summary>
    /// <param name="conversationId">The host conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The Letta conversation id, or <see langword="null"/> when none is claimed or the conversation does not exist.</returns>
    Task<string?> ReadLettaConversationIdAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Stores the Letta conversation of a host conversation only if none is stored yet.</summary>
    /// <param name="conversationId">The host conversation.</param>
    /// <param name="lettaConversationId">The Letta conversation to claim.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns><see langword="true"/> when this call stored it; <see langword="false"/> when one was stored already or the conversation does not exist.</returns>
    Task<bool> TryClaimLettaConversationIdAsync(string conversationId, string lettaConversationId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the Letta conversation of a host conversation only if it still is <paramref name="expectedLettaConversationId"/>.</summary>
    /// <param name="conversationId">The host conversation.</param>
    /// <param name="expectedLettaConversationId">The Letta conversation the caller found gone.</param>
    /// <param name="newLettaConversationId">The Letta conversation to store instead.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns><see langword="true"/> when this call stored <paramref name="newLettaConversationId"/>.</returns>
    Task<bool> TryReplaceLettaConversationIdAsync(string conversationId, string expectedLettaConversationId, string newLettaConversationId, CancellationToken cancellationToken = default);
}
