using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The checks of running work: off the caller, with the right token, once, and never lost.</content>
public abstract partial class BackgroundSchedulerConformanceTests
{
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
        Assert.That(await CompletesWithinAsync(observed.Task).ConfigureAwait(false), Is.True, $"Scheduled work must run: it had not run after {WorkTimeout.TotalSeconds:0} s.");

        Assert.That(await observed.Task.ConfigureAwait(false), Is.False, "Work must get a token tied to host shutdown, never to the request that scheduled it: its token was cancelled with the caller's. Likely cause: ScheduleAsync's token (or a linked one) is passed to the work.");
    });

    /// <summary>Work that throws, synchronously or later, is reported to the error reporter with the work's name and context, not lost.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_WorkThrows_FailureIsReportedWithNameAndContext() => WithSchedulerAsync(async (scheduler, reporter) =>
    {
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-failing-work", "conversation=c_42", _ => throw new InvalidOperationException("The database was unavailable."))).ConfigureAwait(false);
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-failing-async-work", "conversation=c_43", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("The database was unavailable later.");
        })).ConfigureAwait(false);

        var reports = await WaitForReportsAsync(reporter, r => r.Count >= 2).ConfigureAwait(false);

        foreach (var (name, context) in new[] { ("conformance-failing-work", "conversation=c_42"), ("conformance-failing-async-work", "conversation=c_43") })
        {
            Assert.That(
                reports.Any(r => r.Operation == name && r.Context.Contains(context, StringComparison.Ordinal)),
                Is.True,
                $"Work that throws must be reported with its name as the operation and its context, never lost: no report for '{name}' ({context}) among [{string.Join("; ", reports)}]. Likely cause: fire-and-forget (Task.Run without observing the task).");
        }
    });

    /// <summary>Many items of work scheduled at once, from many threads, each run exactly once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_ManyItemsAtOnce_EachRunsExactlyOnce() => WithSchedulerAsync(async (scheduler, _) =>
    {
        const int Count = 200;
        var runs = new int[Count];
        using var done = new CountdownEvent(Count);
        var refused = await Concurrently.CountFailuresAsync(
            Count,
            i => scheduler.ScheduleAsync(new BackgroundWork($"conformance-item-{i}", $"item={i}", _ =>
            {
                Interlocked.Increment(ref runs[i]);
                done.Signal();
                return Task.CompletedTask;
            })).AsTask(),
            $"Scheduling {Count} items at once").ConfigureAwait(false);

        var finished = await Task.Run(() => done.Wait(WorkTimeout)).ConfigureAwait(false);
        Assert.That(refused, Is.Zero, $"A running scheduler must accept every item: {refused} of {Count} ScheduleAsync calls made at once threw.");
        Assert.That(finished, Is.True, $"Every scheduled item must run: {done.CurrentCount} of {Count} had not run after {WorkTimeout.TotalSeconds:0} s. Likely cause: a bounded queue that drops items when it is full (TryWrite's result ignored).");
        await Task.Delay(50).ConfigureAwait(false);
        Assert.That(runs.Count(r => r != 1), Is.Zero, $"Every scheduled item must run exactly once: run counts were [{string.Join(", ", runs)}].");
    });

    /// <summary>The synchronous part of scheduled work does not run on the caller's thread inside <see cref="IBackgroundScheduler.ScheduleAsync"/>.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_WorkWithASynchronousPart_DoesNotRunItOnTheCallersThread() => WithSchedulerAsync(async (scheduler, _) =>
    {
        var ranInline = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await ScheduleMarkedAsync(scheduler, new BackgroundWork("conformance-synchronous-part", "conversation=c_2", _ =>
        {
            ranInline.TrySetResult(t_insideScheduleCall);
            return Task.CompletedTask;
        })).ConfigureAwait(false);

        Assert.That(await CompletesWithinAsync(ranInline.Task).ConfigureAwait(false), Is.True, $"Scheduled work must run: it had not run after {WorkTimeout.TotalSeconds:0} s.");
        Assert.That(await ranInline.Task.ConfigureAwait(false), Is.False, "ScheduleAsync ran the work's synchronous part on the caller's thread, before returning: a slow or blocking start then delays the response. Likely cause: work.ExecuteAsync(token) is called directly instead of queued (Task.Run, a channel).");
    });

    /// <summary>Scheduling returns once the work is queued, while the work is still running.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ScheduleAsync_LongWork_ReturnsOnceQueuedWithoutWaitingForIt() => WithSchedulerAsync(async (scheduler, _) =>
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduling = Task.Run(async () => await scheduler.ScheduleAsync(new BackgroundWork("conformance-long-work", "conversation=c_3", async token =>
            await release.Task.WaitAsync(token).ConfigureAwait(false))).ConfigureAwait(false));

        var returned = await CompletesWithinAsync(scheduling).ConfigureAwait(false);
        release.TrySetResult();

        Assert.That(returned, Is.True, $"ScheduleAsync must return once the work is queued: it was still waiting {WorkTimeout.TotalSeconds:0} s later, for work that was waiting on the test. Likely cause: ScheduleAsync awaits the work itself (await work.ExecuteAsync) instead of queueing it.");
    });
}
