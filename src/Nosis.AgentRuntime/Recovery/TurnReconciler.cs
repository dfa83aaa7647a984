using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>Recovers unanswered turns of conversations nobody writes to again: each one under its conversation's turn, so a live turn is never touched.</summary>
/// <remarks>
/// Safe on many instances at once: a conversation is recovered only while this instance holds its turn (the lease, with a
/// lease store), the unanswered turn is read again under it, and the recovered reply's id is derived from the user message.
/// </remarks>
internal sealed class TurnReconciler(
    IUnansweredTurnStore turns,
    IAgentIdRegistry agents,
    ConversationTurnGate gate,
    OrphanedTurnRecovery recovery,
    AgentRuntimeOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>How many unanswered turns one run looks at.</summary>
    internal const int BatchSize = 100;

    /// <summary>Recovers the unanswered turns older than <see cref="AgentRuntimeOptions.TurnRecoveryMinAge"/>.</summary>
    /// <returns>How many turns got a stored reply (Letta's, or the failed marker).</returns>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var savedBefore = time.GetUtcNow() - options.TurnRecoveryMinAge;
        var unanswered = await turns.ListUnansweredTurnsAsync(savedBefore, BatchSize, cancellationToken).ConfigureAwait(false);
        var recovered = 0;
        foreach (var candidate in unanswered)
        {
            if (await ReconcileConversationAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                recovered++;
            }
        }

        return recovered;
    }

    private async Task<bool> ReconcileConversationAsync(UserMessage candidate, CancellationToken cancellationToken)
    {
        var conversationId = candidate.ConversationId;
        ConversationTurn turn;
        try
        {
            turn = await gate.EnterAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentBusyException)
        {
            logger.ReconcileSkippedBusy(conversationId);
            return false;
        }

        await using (turn.ConfigureAwait(false))
        {
            var agentId = await agents.GetAgentIdAsync(conversationId, cancellationToken).ConfigureAwait(false);
            var outcome = await recovery.RecoverConversationAsync(conversationId, agentId, sendingMessageId: null, cancellationToken).ConfigureAwait(false);
            return outcome != TurnRecoveryOutcome.NothingToRecover;
        }
    }
}
