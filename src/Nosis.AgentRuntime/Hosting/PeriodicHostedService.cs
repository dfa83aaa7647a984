using Microsoft.Extensions.Hosting;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs a piece of work every interval while the host runs; the work is resolved at its first run, and a failed run waits for the next.</summary>
/// <remarks>
/// The first run waits a random part of the interval, so instances started together do not run in lockstep. An interval of
/// zero (or a host without what the work needs, when <see cref="ResolveWork"/> returns <see langword="null"/>) turns it off.
/// </remarks>
internal abstract class PeriodicHostedService(TimeSpan interval, TimeProvider? timeProvider) : BackgroundService
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Returns the work of one run, or <see langword="null"/> when the host has nothing for it to do.</summary>
    /// <remarks>Called at the first run, not at start-up: a host whose adapters are built after it starts has them by then.</remarks>
    protected abstract Func<CancellationToken, Task>? ResolveWork();

    /// <summary>Logs a failed run; the exception itself is not logged, as its message may quote a Letta or database response.</summary>
    protected abstract void OnRunFailed(string errorType);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), _timeProvider, stoppingToken).ConfigureAwait(false);
            if (ResolveWork() is not { } work)
            {
                return;
            }

            using var timer = new PeriodicTimer(interval, _timeProvider);
            do
            {
                await RunOnceAsync(work, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunOnceAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            OnRunFailed(exception.GetType().Name);
        }
    }
}
