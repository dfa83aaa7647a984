using System.Diagnostics;
using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IBackgroundScheduler"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The fixture gives the scheduler a recording <see cref="IErrorReporter"/> and a drain timeout through
/// <see cref="CreateSchedulerAsync"/>: a scheduler must send work that throws, or that shutdown cut short, there.
/// <see cref="ShutdownAsync"/> stops the scheduler as the host does when it stops.
/// </remarks>
[TestFixture]
public abstract partial class BackgroundSchedulerConformanceTests : ConformanceSuite
{
    [ThreadStatic]
    private static bool t_insideScheduleCall;

    /// <summary>Gets how long scheduled work may take to start, finish or be reported before a test fails.</summary>
    /// <value>The default is 5 seconds.</value>
    protected virtual TimeSpan WorkTimeout => TimeSpan.FromSeconds(5);

    /// <summary>Gets the drain timeout the fixture creates schedulers with: how long shutdown lets running work finish before cancelling its token.</summary>
    /// <value>The default is one second.</value>
    protected virtual TimeSpan DrainTimeout => TimeSpan.FromSeconds(1);

    /// <summary>Creates a running scheduler that reports failed or abandoned work to <paramref name="errorReporter"/>; called once per test.</summary>
    /// <param name="errorReporter">The reporter to send failures to.</param>
    /// <param name="drainTimeout">How long shutdown lets running and queued work finish before it cancels the work's token.</param>
    /// <returns>The scheduler under test.</returns>
    protected abstract Task<IBackgroundScheduler> CreateSchedulerAsync(IErrorReporter errorReporter, TimeSpan drainTimeout);

    /// <summary>Stops the scheduler as the host does when it stops: refuse more, drain for the drain timeout, then cancel.</summary>
    /// <param name="scheduler">A scheduler from <see cref="CreateSchedulerAsync"/>.</param>
    /// <returns>A task that completes once the scheduler has stopped.</returns>
    protected abstract Task ShutdownAsync(IBackgroundScheduler scheduler);

    /// <summary>Frees a scheduler after a test; by default disposes it when it is disposable.</summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeSchedulerAsync(IBackgroundScheduler scheduler) => Concurrently.DisposeAsync(scheduler);

    private static ValueTask ScheduleMarkedAsync(IBackgroundScheduler scheduler, BackgroundWork work)
    {
        t_insideScheduleCall = true;
        try
        {
            return scheduler.ScheduleAsync(work);
        }
        finally
        {
            t_insideScheduleCall = false;
        }
    }

    private async Task<IReadOnlyList<ErrorReport>> WaitForReportsAsync(InMemoryErrorReporter reporter, Func<IReadOnlyList<ErrorReport>, bool> enough)
    {
        var started = Stopwatch.GetTimestamp();
        while (!enough(reporter.Reports) && Stopwatch.GetElapsedTime(started) < WorkTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        return reporter.Reports;
    }

    private async Task<bool> CompletesWithinAsync(Task task) => await Task.WhenAny(task, Task.Delay(WorkTimeout)).ConfigureAwait(false) == task;

    private async Task WithSchedulerAsync(Func<IBackgroundScheduler, InMemoryErrorReporter, Task> test)
    {
        var reporter = new InMemoryErrorReporter();
        var scheduler = await CreateSchedulerAsync(reporter, DrainTimeout).ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(scheduler, reporter), "The scheduler test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeSchedulerAsync(scheduler).ConfigureAwait(false);
        }
    }
}
