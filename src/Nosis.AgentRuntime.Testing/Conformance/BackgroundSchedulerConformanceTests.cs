using System.Diagnostics;
using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IBackgroundScheduler"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The fixture gives the scheduler a recording <see cref="IErrorReporter"/> through <see cref="CreateSchedulerAsync"/>: a
/// scheduler must send work that throws there. <see cref="ShutdownAsync"/> stops the scheduler as the host does when it stops.
/// </remarks>
[TestFixture]
public abstract class BackgroundSchedulerConformanceTests
{
    /// <summary>Gets a value indicating whether shutting down lets work already running finish (within the scheduler's drain time) before it returns.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    protected virtual bool SupportsDrainOnShutdown => true;

    /// <summary>Gets how long scheduled work may take to start, finish or be reported before a test fails.</summary>
    /// <value>The default is 5 seconds.</value>
    protected virtual TimeSpan WorkTimeout => TimeSpan.FromSeconds(5);

    /// <summary>Creates a running scheduler that reports work that throws to <paramref name="errorReporter"/>; called once per test.</summary>
    /// <param name="errorReporter">The reporter to send failures to.</param>
    /// <returns>The scheduler under test.</returns>
    protected abstract Task<IBackgroundScheduler> CreateSchedulerAsync(IErrorReporter errorReporter);

    /// <summary>Stops the scheduler as the host does when it stops: drain the work, then refuse more.</summary>
    /// <param name="scheduler">A scheduler from <see cref="CreateSchedulerAsync"/>.</param>
    /// <returns>A task that completes once the scheduler has stopped.</returns>
    protected abstract Task ShutdownAsync(IBackgroundScheduler scheduler);

    /// <summary>Frees a scheduler after a test; by default disposes it when it is disposable.</summary>
    /// <param name="scheduler">The scheduler.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeSchedulerAsync(IBackgroundScheduler scheduler) => Concurrently.DisposeAsync(scheduler);

    /// <summary>Work runs, with a token that is not cancelled, even once the token passed to schedule it is cancelled.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_CallerTokenCancelled_WorkRunsWithTokenNotCancelled() => WithSchedulerAsync(async (scheduler, _) =>
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var caller = new CancellationTokenSource();
        await scheduler.ScheduleAsync(
            new BackgroundWork("conformance-token", "conversation=c_1", async token =>
            {
                await release.Task.ConfigureAwait(false);
                observed.SetResult(token.IsCancellationRequested);
            }),
            caller.Token).ConfigureAwait(false);

        await caller.CancelAsync().ConfigureAwait(false);
        release.SetResult();
        var ran = await Task.WhenAny(observed.Task, Task.Delay(WorkTimeout)).ConfigureAwait(false) == observed.Task;
        Assert.That(ran, Is.True, $"Scheduled work must run: it had not run after {WorkTimeout.TotalSeconds:0} s.");
        var cancelled = await observed.Task.ConfigureAwait(false);

        Assert.That(cancelled, Is.False, "Work must get a token tied to host shutdown, never to the request that scheduled it: its token was cancelled with the caller's.");
    });

    /// <summary>Work that throws is reported to the error reporter with the work's name and context, not lost.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_WorkThrows_FailureIsReportedWithNameAndContext() => WithSchedulerAsync(async (scheduler, reporter) =>
    {
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-failing-work", "conversation=c_42", _ =>
            throw new InvalidOperationException("The database was unavailable."))).ConfigureAwait(false);
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-failing-async-work", "conversation=c_43", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("The database was unavailable later.");
        })).ConfigureAwait(false);

        var reports = await WaitForReportsAsync(reporter, 2).ConfigureAwait(false);

        foreach (var (name, context) in new[] { ("conformance-failing-work", "conversation=c_42"), ("conformance-failing-async-work", "conversation=c_43") })
        {
            Assert.That(
                reports.Any(r => r.Operation == name && r.Context.Contains(context, StringComparison.Ordinal)),
                Is.True,
                $"Work that throws must be reported with its name as the operation and its context, never lost: no report for '{name}' ({context}) among [{string.Join("; ", reports)}].");
        }
    });

    /// <summary>Many items of work scheduled at once each run exactly once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_ManyItemsAtOnce_EachRunsExactlyOnce() => WithSchedulerAsync(async (scheduler, _) =>
    {
        const int Count = 50;
        var runs = new int[Count];
        var done = new CountdownEvent(Count);
        try
        {
            await Concurrently.RunAsync(
                Count,
                async i =>
                {
                    await scheduler.ScheduleAsync(new BackgroundWork($"conformance-item-{i}", $"item={i}", _ =>
                    {
                        Interlocked.Increment(ref runs[i]);
                        done.Signal();
                        return Task.CompletedTask;
                    })).ConfigureAwait(false);
                    return true;
                },
                $"Scheduling {Count} items at once").ConfigureAwait(false);

            var finished = await Task.Run(() => done.Wait(WorkTimeout)).ConfigureAwait(false);
            Assert.That(finished, Is.True, $"Every scheduled item must run: {done.CurrentCount} of {Count} had not run after {WorkTimeout.TotalSeconds:0} s.");
            await Task.Delay(50).ConfigureAwait(false);
            Assert.That(runs.Where(r => r != 1).Count(), Is.Zero, $"Every scheduled item must run exactly once: run counts were [{string.Join(", ", runs)}].");
        }
        finally
        {
            done.Dispose();
        }
    });

    /// <summary>Once the scheduler has shut down, scheduling throws an <see cref="InvalidOperationException"/> and the work never runs.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_AfterShutdown_ThrowsInvalidOperationException() => WithSchedulerAsync(async (scheduler, _) =>
    {
        await Concurrently.WithinAsync(ShutdownAsync(scheduler), "Shutting the scheduler down").ConfigureAwait(false);
        var ran = false;
        Exception? refused = null;
        try
        {
            await scheduler.ScheduleAsync(new BackgroundWork("conformance-late", "conversation=c_9", _ =>
            {
                ran = true;
                return Task.CompletedTask;
            })).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The test asserts on the exception's type below.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            refused = ex;
        }

        await Task.Delay(100).ConfigureAwait(false);
        Assert.That(
            refused,
            Is.InstanceOf<InvalidOperationException>(),
            $"A scheduler that has shut down must refuse work with an InvalidOperationException, so the caller knows it will not run; it {(refused is null ? "accepted it" : "threw " + refused.GetType().Name)}.");
        Assert.That(ran, Is.False, "Work refused after shutdown must not run.");
    });

    /// <summary>Work running when shutdown begins finishes, with its token not cancelled, before shutdown returns.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ShutdownAsync_RunningWork_FinishesBeforeShutdownReturns() => WithSchedulerAsync(async (scheduler, _) =>
    {
        Assume.That(SupportsDrainOnShutdown, "The scheduler does not declare SupportsDrainOnShutdown.");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-drain", "conversation=c_7", async token =>
        {
            started.SetResult();
            await Task.Delay(200, token).ConfigureAwait(false);
            Volatile.Write(ref finished, 1);
        })).ConfigureAwait(false);
        await Concurrently.WithinAsync(started.Task, "Scheduled work starting").ConfigureAwait(false);

        await Concurrently.WithinAsync(ShutdownAsync(scheduler), "Shutting the scheduler down").ConfigureAwait(false);

        Assert.That(Volatile.Read(ref finished), Is.EqualTo(1), "Shutdown must drain: work already running must finish, its token not cancelled, before shutdown returns. Saved replies depend on it.");
    });

    private async Task<IReadOnlyList<ErrorReport>> WaitForReportsAsync(InMemoryErrorReporter reporter, int count)
    {
        var started = Stopwatch.GetTimestamp();
        while (reporter.Reports.Count < count && Stopwatch.GetElapsedTime(started) < WorkTimeout)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        return reporter.Reports;
    }

    private async Task WithSchedulerAsync(Func<IBackgroundScheduler, InMemoryErrorReporter, Task> test)
    {
        var reporter = new InMemoryErrorReporter();
        var scheduler = await CreateSchedulerAsync(reporter).ConfigureAwait(false);
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
