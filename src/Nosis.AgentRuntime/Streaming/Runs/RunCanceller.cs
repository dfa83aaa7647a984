using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Cancels background runs at Letta: a stopped or aborted reply's, and a stale one an instance that died left running.</summary>
internal sealed class RunCanceller(ILettaRunClient runs, IActiveRunStore store, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan EndPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Cancels the run; a run that already ended (409: none active) or an unreachable Letta is only logged.</summary>
    /// <returns><see langword="true"/> when Letta cancelled it.</returns>
    public Task<bool> CancelQuietlyAsync(string agentId, string runId) => CancelQuietlyAsync(runs, agentId, runId, logger);

    /// <summary>Cancels a run with <paramref name="runs"/>, bounded; a run that already ended or an unreachable Letta is only logged.</summary>
    /// <returns><see langword="true"/> when Letta cancelled it.</returns>
    public static async Task<bool> CancelQuietlyAsync(ILettaRunClient runs, string agentId, string runId, ILogger logger)
    {
        using var timeout = new CancellationTokenSource(CancelTimeout);
        try
        {
            var answer = await runs.CancelRunsAsync(agentId, [runId], timeout.Token).ConfigureAwait(false);
            return answer.TryGetValue(runId, out var result) && result == "cancelled";
        }
        catch (Exception exception) when (exception is LettaApiException or HttpRequestException or TimeoutException or OperationCanceledException)
        {
            RunsLog.CancelFailed(logger, runId, exception);
            return false;
        }
    }

    /// <summary>
    /// Before a turn sends: a run still recorded for the conversation belongs to a turn whose instance died (this turn holds the
    /// conversation now), so it is cancelled and awaited, briefly, so that two runs of one agent never overlap.
    /// </summary>
    public async Task CancelStaleAsync(string conversationId, CancellationToken cancellationToken)
    {
        ActiveRun? stale;
        try
        {
            stale = await store.GetActiveRunAsync(conversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RunsLog.StoreFailed(logger, conversationId, exception);
            return;
        }

        if (stale is null)
        {
            return;
        }

        RunsLog.StaleRun(logger, conversationId, stale.RunId);
        await CancelQuietlyAsync(stale.AgentId, stale.RunId).ConfigureAwait(false);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(CancelTimeout);
        try
        {
            await RunEnd.WaitAsync(runs, stale.RunId, Timeout.InfiniteTimeSpan, EndPollInterval, time, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LettaApiException or HttpRequestException or TimeoutException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            RunsLog.CancelFailed(logger, stale.RunId, exception);
        }

        await store.ClearActiveRunAsync(conversationId, stale.RunId, cancellationToken).ConfigureAwait(false);
    }
}
