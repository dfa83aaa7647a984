using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Resumes and stops the active reply of a conversation from any instance, through the run the store keeps for it.</summary>
internal sealed class ActiveReplies(BackgroundRunReader reader, AgentRuntimeOptions options, ILogger logger)
{
    public async Task<ResumedReply?> ResumeAsync(ConversationRuntime conversation, long? startingAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startingAfter ?? 0, nameof(startingAfter));
        var run = await reader.Store.GetActiveRunAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        RunsLog.Resuming(logger, conversation.ConversationId, run.RunId, startingAfter ?? 0);
        return new ResumedReply(conversation, run, startingAfter, reader, options.AgentModel);
    }

    public async Task<bool> StopAsync(ConversationRuntime conversation, CancellationToken cancellationToken)
    {
        var run = await reader.Store.GetActiveRunAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return false;
        }

        var cancelled = await reader.Canceller.CancelQuietlyAsync(run.AgentId, run.RunId).ConfigureAwait(false);
        RunsLog.Stopped(logger, conversation.ConversationId, run.RunId, cancelled);
        return cancelled;
    }
}
