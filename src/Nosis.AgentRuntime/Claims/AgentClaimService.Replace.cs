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
        var conversationId = conversation.ConversationId;
        var current = await _registry.ReadClaimedAgentIdAsync(conversationId, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(current) && !string.Equals(current, lostAgentId, StringComparison.Ordinal))
        {
            return current; // another caller replaced it already
        }

        var agentId = await CreateWithRetriesAsync(conversation, cancellationToken).ConfigureAwait(false);
        bool won;
        try
        {
            // Not cancellable: an interrupted replacement would leave unknown whether the new agent is in use.
            won = await _registry.TryReplaceAgentIdAsync(conversationId, lostAgentId, agentId, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await _deleter.ScheduleAsync(conversationId, agentId, "replacing the lost agent failed").ConfigureAwait(false);
            throw;
        }

        if (won)
        {
            _logger.ClaimWon(conversationId, agentId);
            return agentId;
        }

        _telemetry.ClaimsLost.Add(1);
        await _deleter.ScheduleAsync(conversationId, agentId, "another caller replaced the lost agent first").ConfigureAwait(false);
        var winner = await _registry.ReadClaimedAgentIdAsync(conversationId, CancellationToken.None).ConfigureAwait(false);
        if (string.IsNullOrEmpty(winner) || string.Equals(winner, lostAgentId, StringComparison.Ordinal))
        {
            throw new AgentClaimException(conversationId, $"The lost agent of conversation {conversationId} could not be replaced: the registry kept no other agent (does the conversation exist?).");
        }

        _logger.ClaimLost(conversationId, agentId, winner);
        return winner;
    }
}
