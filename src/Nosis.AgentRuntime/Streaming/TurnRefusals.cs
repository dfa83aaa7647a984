using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Recovery;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The one rule for a turn refused before its reply starts: the user message is stored with a failed reply that marks it.</summary>
/// <remarks>
/// Applies once the turn holds its conversation: an execution target this surface does not run, an agent that could not be
/// resolved or created, Letta answering 409. The user message must be stored before Letta gets it (crash recovery finds a
/// turn only through it), so a refusal cannot leave the store as if nothing happened; user messages are never removed.
/// The marker's id derives from the user message's id (<see cref="OrphanedTurnRecovery.RecoveredReplyId"/>), so a retry
/// with the same message id stores no second copy of either. A turn that never got its conversation (another turn held it
/// past the wait timeout) never started and stores nothing.
/// </remarks>
internal sealed class TurnRefusals(IMessageStore messages, AgentRuntimeOptions options, TimeProvider time)
{
    /// <summary>Checks the target and resolves the agent; on a refusal stores the user message and its failed marker, then rethrows.</summary>
    public async Task<T> ResolveOrRefuseAsync<T>(AgentChatRequest request, Func<Task<T>> resolveAgent, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = request.Conversation;
            if (!ExecutionTargets.IsSupportedOn(conversation.ExecutionTarget, options.Surface))
            {
                throw new UnsupportedExecutionTargetException(ExecutionTargets.ToWireName(conversation.ExecutionTarget), options.Surface);
            }

            return await resolveAgent().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await RecordAsync(request, agentId: null).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stores the refused turn's user message and its failed marker; a store failure leaves the refusal to speak for itself.</summary>
    public async Task RecordAsync(AgentChatRequest request, string? agentId)
    {
        var conversation = request.Conversation;
        var now = time.GetUtcNow();
        var userMessageId = request.UserMessageId!;
        try
        {
            await messages.SaveUserMessageAsync(
                new UserMessage(userMessageId, conversation.ConversationId, conversation.UserId, request.UserText, now) { Parts = request.UserParts },
                CancellationToken.None).ConfigureAwait(false);
            await messages.SaveAssistantMessageAsync(
                new AssistantMessage(OrphanedTurnRecovery.RecoveredReplyId(userMessageId), conversation.ConversationId, string.Empty, options.AgentModel, null, ReplyCompletion.Failed, now)
                {
                    AgentId = agentId,
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The caller gets the refusal either way; an unstored marker only leaves the turn for crash recovery to mark.
        }
    }
}
