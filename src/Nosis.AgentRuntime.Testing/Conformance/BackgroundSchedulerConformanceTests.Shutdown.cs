using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The shutdown checks: refuse, drain what is running and queued, cancel and report what outlives the drain.</content>
public abstract partial class BackgroundSchedulerConformanceTests
{
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
        Assert.That(refused, Is.InstanceOf<InvalidOperationException>(), $"A scheduler that has shut down must refuse work with an InvalidOperationException, so the caller knows it will not run; it {(refused is null ? "accepted it" : "threw " + refused.GetType().Name)}.");
        Assert.That(ran, Is.False, "Work refused after shutdown must not run.");
    });

    /// <summary>Work running when shutdown begins finishes, with its token not cancelled, before shutdown returns.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ShutdownAsync_RunningWork_FinishesBeforeShutdownReturns() => WithSchedulerAsync(async (scheduler, _) =>
    {
        Require(KitCapability.DrainOnShutdown);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = 0;
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-drain", "conversation=c_7", async token =>
        {
            started.SetResult();
            await Task.Delay(DrainTimeout / 5, token).ConfigureAwait(false);
            Volatile.Write(ref finished, 1);
        })).ConfigureAwait(false);
        await Concurrently.WithinAsync(started.Task, "Scheduled work starting").ConfigureAwait(false);

        await Concurrently.WithinAsync(ShutdownAsync(scheduler), "Shutting the scheduler down").ConfigureAwait(false);

        Assert.That(Volatile.Read(ref finished), Is.EqualTo(1), "Shutdown must drain: work already running must finish, its token not cancelled, before shutdown returns. Saved replies depend on it. Likely cause: shutdown cancels the work's token at once instead of after the drain timeout.");
    });

    /// <summary>Work still queued behind running work when shutdown begins runs (or is reported) before shutdown returns; none is dropped.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ShutdownAsync_QueuedWork_RunsOrIsReportedBeforeShutdownReturns() => WithSchedulerAsync(async (scheduler, reporter) =>
    {
        const int Count = 20;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new int[Count];
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-blocker", "conversation=c_10", token => gate.Task.WaitAsync(token))).ConfigureAwait(false);
        for (var i = 0; i < Count; i++)
        {
            var index = i;
            await scheduler.ScheduleAsync(new BackgroundWork($"conformance-queued-{i}", $"item={i}", _ =>
            {
                Interlocked.Exchange(ref ran[index], 1);
                return Task.CompletedTask;
            })).ConfigureAwait(false);
        }

        var shutdown = ShutdownAsync(scheduler);
        gate.TrySetResult();
        await Concurrently.WithinAsync(shutdown, "Shutting the scheduler down").ConfigureAwait(false);

        var reported = reporter.Reports.Select(r => r.Operation).ToHashSet(StringComparer.Ordinal);
        var lost = Enumerable.Range(0, Count).Count(i => Volatile.Read(ref ran[i]) == 0 && !reported.Contains($"conformance-queued-{i}"));
        Assert.That(lost, Is.Zero, $"Shutdown must not drop queued work: {lost} of {Count} items queued behind running work neither ran nor were reported when shutdown returned. Likely cause: shutdown stops the consumer loop (or clears the queue) instead of draining it.");
    });

    /// <summary>Work still running when the drain timeout passes has its token cancelled, and is reported as cut short.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ShutdownAsync_WorkOutlivingTheDrain_IsCancelledAndReported() => WithSchedulerAsync(async (scheduler, reporter) =>
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await scheduler.ScheduleAsync(new BackgroundWork("conformance-outlives-drain", "conversation=c_11", async token =>
        {
            using var registration = token.Register(() => cancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        })).ConfigureAwait(false);
        await Concurrently.WithinAsync(started.Task, "Scheduled work starting").ConfigureAwait(false);

        await Concurrently.WithinAsync(ShutdownAsync(scheduler), "Shutting the scheduler down").ConfigureAwait(false);
        Assert.That(await CompletesWithinAsync(cancelled.Task).ConfigureAwait(false), Is.True, $"Shutdown must cancel the token of work still running after the drain timeout ({DrainTimeout.TotalSeconds:0.#} s); it was not cancelled {WorkTimeout.TotalSeconds:0} s after shutdown returned. Likely cause: the work's token is never tied to the drain timeout.");

        var reports = await WaitForReportsAsync(reporter, r => r.Any(x => x.Operation == "conformance-outlives-drain")).ConfigureAwait(false);
        Assert.That(reports.Any(r => r.Operation == "conformance-outlives-drain" && r.Context.Contains("conversation=c_11", StringComparison.Ordinal)), Is.True, $"Work that shutdown cut short must be reported with its name and context, never lost silently: no report among [{string.Join("; ", reports)}]. Likely cause: the OperationCanceledException of cancelled work is swallowed as if the work had finished.");
    });
}
