using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Resumes and stops the active reply of a conversation from any instance: through the run the store keeps for it, or, with background runs off, by the backend's own stop.</summary>
internal sealed class ActiveReplies(BackgroundRunReader? reader, BackendTurnStopper? stopper, AgentRuntimeOptions options, ILogger logger)
{
    /// <summary>Returns the active replies of a runtime with background runs on or a backend that stops turns itself, else <see langword="null"/>.</summary>
    public static ActiveReplies? Of(ChatTurnDependencies dependencies)
    {
        var stopper = BackendTurnStopper.Of(dependencies);
        return dependencies.Runs is null && stopper is null ? null : new ActiveReplies(dependencies.Runs, stopper, dependencies.Options, dependencies.Logger);
    }

    public async Task<ResumedReply?> ResumeAsync(ConversationRuntime conversation, long? startingAfter, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startingAfter ?? 0, nameof(startingAfter));
        if (reader is null)
        {
            return null;
        }

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
        if (reader is null)
        {
            return await stopper!.StopAsync(conversation, cancellationToken).ConfigureAwait(false);
        }

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
