namespace Nosis.AgentRuntime.Contracts;

/// <summary>Runs work after the response is sent (the <c>waitUntil</c> of a serverless worker).</summary>
/// <remarks>
/// Work runs with a cancellation token tied to host shutdown, never to the request that scheduled it. A scheduler reports
/// work that throws or that it could not finish; it never loses it silently.
/// </remarks>
public interface IBackgroundScheduler
{
    /// <summary>Queues work to run in the background.</summary>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Cancels waiting for room in the queue; it is not passed to the work.</param>
    /// <returns>A task that completes once the work is queued.</returns>
    /// <exception cref="InvalidOperationException">The scheduler is shutting down and accepts no more work.</exception>
    ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default);
}
