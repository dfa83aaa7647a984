using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Waits for a Letta run to stop being active, by polling it.</summary>
internal static class RunEnd
{
    /// <summary>Polls <paramref name="runId"/> every <paramref name="interval"/> until it is no longer active or gone, for at most <paramref name="limit"/>.</summary>
    /// <returns><see langword="true"/> when the run ended; <see langword="false"/> when it was still active at the limit.</returns>
    /// <remarks>Errors of the reads, and the caller's cancellation, propagate.</remarks>
    public static async Task<bool> WaitAsync(ILettaRunClient runs, string runId, TimeSpan limit, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while ((await runs.GetRunAsync(runId, cancellationToken).ConfigureAwait(false))?.IsActive == true)
        {
            if (time.GetElapsedTime(started) >= limit)
            {
                return false;
            }

            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
