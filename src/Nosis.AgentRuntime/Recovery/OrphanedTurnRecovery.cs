using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>Stores the reply of a turn whose process died before storing it: Letta's completed reply, or a failed marker when Letta has none.</summary>
/// <remarks>
/// Letta is the source of truth: it keeps processing a reply after its client disconnects
/// (StreamingResponseWithStatusCode in letta/server/rest_api/streaming_response.py), so a reply the dead process never saw
/// finish may be complete in the agent's history. The caller holds the conversation's turn (in process and, with a lease
/// store, across processes), so no live turn is recovered. The recovered reply's id is derived from the user message's id:
/// two recoveries of one turn store one reply (saves are idempotent by id).
/// </remarks>
internal sealed class OrphanedTurnRecovery(
    IUnansweredTurnStore turns,
    IMessageStore messages,
    ITurnHistoryReader history,
    IErrorReporter errors,
    SecretRedactor redactor,
    AgentRuntimeOptions options,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Recovers the conversation's unanswered turn, if any, unless it is <paramref name="sendingMessageId"/> (sent again now).</summary>
    /// <remarks>Never throws but for cancellation: a failure is logged and reported, and the next turn or reconciler run tries again.</remarks>
    public async Task<TurnRecoveryOutcome> RecoverConversationAsync(string conversationId, string? agentId, string? sendingMessageId, CancellationToken cancellationToken)
    {
        try
        {
            var turn = await turns.FindUnansweredTurnAsync(conversationId, cancellationToken).ConfigureAwait(false);
            if (turn is null || string.Equals(turn.MessageId, sendingMessageId, StringComparison.Ordinal))
            {
                return TurnRecoveryOutcome.NothingToRecover;
            }

            return await RecoverTurnAsync(turn, agentId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.RecoveryFailed(conversationId, exception.GetType().Name);
            await ReportAsync(conversationId, exception).ConfigureAwait(false);
            return TurnRecoveryOutcome.NothingToRecover;
        }
    }

    /// <summary>Recovers <paramref name="turn"/> from the history of <paramref name="agentId"/> (none: the agent was never created).</summary>
    public async Task<TurnRecoveryOutcome> RecoverTurnAsync(UserMessage turn, string? agentId, CancellationToken cancellationToken)
    {
        var kept = agentId is null ? LettaTurnHistory.NotFound : await ReadAsync(agentId, turn.MessageId, cancellationToken).ConfigureAwait(false);
        var text = string.Concat(kept.Reply.OfType<LettaAssistantMessage>().Select(m => m.Content));
        var completed = kept.Reply.Any(m => m is LettaAssistantMessage);
        var reply = new AssistantMessage(
            RecoveredReplyId(turn.MessageId), turn.ConversationId, completed ? text : string.Empty, options.AgentModel, null,
            completed ? ReplyCompletion.Completed : ReplyCompletion.Failed, time.GetUtcNow())
        {
            AgentId = agentId,
            RunId = kept.Reply.Select(m => m.RunId).FirstOrDefault(r => r is not null),
        };
        await messages.SaveAssistantMessageAsync(reply, cancellationToken).ConfigureAwait(false);
        if (completed)
        {
            logger.StoredLettaReply(turn.ConversationId, turn.MessageId, text.Length);
            return TurnRecoveryOutcome.StoredLettaReply;
        }

        logger.MarkedFailed(turn.ConversationId, turn.MessageId, kept.Found ? "no reply after the user message" : "Letta never received the user message");
        return TurnRecoveryOutcome.MarkedFailed;
    }

    /// <summary>Reads the turn; an agent Letta no longer has (404) has no reply either.</summary>
    private async Task<LettaTurnHistory> ReadAsync(string agentId, string userMessageId, CancellationToken cancellationToken)
    {
        try
        {
            return await history.ReadTurnAsync(agentId, userMessageId, cancellationToken).ConfigureAwait(false);
        }
        catch (LettaApiException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return LettaTurnHistory.NotFound;
        }
    }

    /// <summary>The id of a recovered reply: <c>msg_</c> and 32 hex digits of the SHA-256 of the user message's id.</summary>
    internal static string RecoveredReplyId(string userMessageId) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("recovered-reply:" + userMessageId)), 0, 16);

    private async Task ReportAsync(string conversationId, Exception exception)
    {
        try
        {
            await errors.ReportAsync(
                new ErrorReport("recover-turn", redactor.Redact(exception.Message), $"conversation={conversationId}") { ErrorType = exception.GetType().FullName },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failing reporter must not fail the turn; the log line already recorded it.
        }
    }
}
