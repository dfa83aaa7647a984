using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Keeps a turn's background run in the <see cref="IActiveRunStore"/>: recorded when its id is first seen, moved on every few chunks, cleared at the end. Store failures are logged, never fatal to the reply.</summary>
internal sealed class RunRecorder(IActiveRunStore store, ActiveRun template, ILogger logger)
{
    private string? _recordedRunId;
    private long _recordedSeqId;

    public async ValueTask ObserveAsync(RunCursor cursor, int seqIdsPerAdvance)
    {
        if (cursor.RunId is not { } runId)
        {
            return;
        }

        try
        {
            if (_recordedRunId != runId)
            {
                _recordedRunId = runId;
                _recordedSeqId = cursor.LastSeqId ?? 0;
                await store.SetActiveRunAsync(template with { RunId = runId, LastSeqId = cursor.LastSeqId }).ConfigureAwait(false);
            }
            else if (cursor.LastSeqId is { } seqId && seqId - _recordedSeqId >= seqIdsPerAdvance)
            {
                _recordedSeqId = seqId;
                await store.AdvanceAsync(template.ConversationId, runId, seqId).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RunsLog.StoreFailed(logger, template.ConversationId, exception);
        }
    }

    public async ValueTask ClearAsync(string runId)
    {
        try
        {
            await store.ClearActiveRunAsync(template.ConversationId, runId).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            RunsLog.StoreFailed(logger, template.ConversationId, exception);
        }
    }
}
