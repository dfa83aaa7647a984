using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Claims;

/// <content>Re-claiming a conversation whose agent Letta lost: a new agent, stored by a compare-and-set from the lost id.</content>
public sealed partial class AgentClaimService
{
    /// <inheritdoc/>
    /// <remarks>
    /// Concurrent callers, in this process or others, converge on one new agent: the registry's compare-and-set lets exactly one
    /// replacement win, and every losing caller deletes its own agent in the background and returns the winner's.
    /// </remarks>
    /// <exception cref="NotSupportedException">The registry cannot replace an agent id.</exception>
    public async Task<string> ReplaceLostAgentIdAsync(ConversationRuntime conversation, string lostAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentException.ThrowIfNullOrWhiteSpace(lostAgentId);
        return await _runner.ReplaceAsync(SlotFor(conversation), lostAgentId, cancellationToken).ConfigureAwait(false);
    }
}
