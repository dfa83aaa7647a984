using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Hosting;

namespace Nosis.AgentRuntime.Tests.Hosting;

public sealed class BackgroundSchedulerHostedServiceTests
{
    // Only a guard against a hang; no test waits this long when the code is right.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    [Test]
    public async Task StopAsync_WorkScheduledJustBefore_CompletesBeforeStopReturns()
    {
        using var host = TestHost.Build(options => options.Concurrency = 2);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var finished = 0;

        for (var i = 0; i < 6; i++)
        {
            await scheduler.ScheduleAsync(new BackgroundWork($"work-{i}", $"item={i}", async cancellationToken =>
            {
                await Task.Delay(50, cancellationToken);
                Interlocked.Increment(ref finished);
            }));
        }

        await host.StopAsync().WaitAsync(Guard);

        finished.Should().Be(6);
        host.Reporter().Reports.Should().BeEmpty();
        host.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(record => record.Id.Id == 3002);
    }

    [Test]
    public async Task StopAsync_WorkOutlivesDrainTimeout_ReportsRunningAndQueuedWorkAndCancelsToken()
    {
        using var host = TestHost.Build(options =>
        {
            options.Concurrency = 1;
            options.DrainTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var dropped = new MetricCollector<long>(host.Services.GetRequiredService<AgentRuntimeTelemetry>().BackgroundDropped);
        using var depth = new MetricCollector<long>(host.Services.GetRequiredService<AgentRuntimeTelemetry>().BackgroundQueueDepth);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queuedRan = false;

        await scheduler.ScheduleAsync(new BackgroundWork("slow-work", "conversation=c-1", async cancellationToken =>
        {
            using var registration = cancellationToken.Register(() => tokenCancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }));
        await scheduler.ScheduleAsync(new BackgroundWork("queued-work", "conversation=c-2", _ =>
        {
            queuedRan = true;
            return Task.CompletedTask;
        }));
        await started.Task.WaitAsync(Guard);

        await host.StopAsync().WaitAsync(Guard);

        await tokenCancelled.Task.WaitAsync(Guard);
        queuedRan.Should().BeFalse();
        host.Reporter().Reports.Should().BeEquivalentTo(
        [
            new { Operation = "slow-work", Context = "conversation=c-1", ErrorType = BackgroundSchedulerHostedService.UnfinishedErrorType },
            new { Operation = "queued-work", Context = "conversation=c-2", ErrorType = BackgroundSchedulerHostedService.UnfinishedErrorType },
        ]);
        host.Reporter().Reports.Select(report => report.Message).Should().SatisfyRespectively(
            running => running.Should().Contain("was running"),
            queued => queued.Should().Contain("was queued"));

        var logs = host.Services.GetFakeLogCollector().GetSnapshot();
        logs.Where(record => record.Id.Id == 3005).Should().HaveCount(2).And.OnlyContain(record => record.Level == LogLevel.Warning);
        logs.Should().Contain(record => record.Id.Id == 3003);
        dropped.GetMeasurementSnapshot().Should().HaveCount(2)
            .And.OnlyContain(measurement => measurement.Value == 1 && (string?)measurement.Tags[BackgroundSchedulerHostedService.DropReasonTag] == "unfinished");
        depth.GetMeasurementSnapshot().Sum(measurement => measurement.Value).Should().Be(0);
    }

    [Test]
    public async Task WorkItem_Throws_IsReportedRedactedAndNextItemRuns()
    {
        using var host = TestHost.Build(options => options.Concurrency = 1);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var nextRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await scheduler.ScheduleAsync(new BackgroundWork("failing-work", "conversation=c-1", _ =>
            throw new InvalidOperationException($"Letta refused key {TestHost.ApiKey}.")));
        await scheduler.ScheduleAsync(new BackgroundWork("next-work", "conversation=c-2", _ =>
        {
            nextRan.SetResult();
            return Task.CompletedTask;
        }));

        await nextRan.Task.WaitAsync(Guard);
        await host.StopAsync().WaitAsync(Guard);

        var report = host.Reporter().Reports.Should().ContainSingle().Subject;
        report.Operation.Should().Be("failing-work");
        report.Context.Should().Be("conversation=c-1");
        report.ErrorType.Should().Be(typeof(InvalidOperationException).FullName);
        report.Message.Should().Contain("Letta refused key [redacted].").And.NotContain(TestHost.ApiKey);
        var failure = host.Services.GetFakeLogCollector().GetSnapshot().Should().ContainSingle(record => record.Id.Id == 3004).Subject;
        failure.Level.Should().Be(LogLevel.Warning);
        failure.Message.Should().Contain("failing-work").And.Contain("[redacted]").And.NotContain(TestHost.ApiKey);
    }

    [Test]
    public async Task ScheduleAsync_AfterStop_ThrowsClearErrorAndCountsDrop()
    {
        using var host = TestHost.Build();
        using var dropped = new MetricCollector<long>(host.Services.GetRequiredService<AgentRuntimeTelemetry>().BackgroundDropped);
        await host.StartAsync();
        await host.StopAsync().WaitAsync(Guard);
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();

        var schedule = () => scheduler.ScheduleAsync(new BackgroundWork("late-work", "conversation=c-9", _ => Task.CompletedTask)).AsTask();

        (await schedule.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("*late-work*the host is shutting down*no longer accepts work*");
        dropped.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags[BackgroundSchedulerHostedService.DropReasonTag].Should().Be("refused");
        host.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(record => record.Id.Id == 3006 && record.Level == LogLevel.Warning);
    }

    [Test]
    public async Task ScheduleAsync_WhileHostDrains_IsRefusedAndRunningWorkStillFinishes()
    {
        using var host = TestHost.Build(options => options.Concurrency = 1);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        await scheduler.ScheduleAsync(new BackgroundWork("running-work", "conversation=c-1", async _ =>
        {
            started.SetResult();
            await release.Task;
            finished = true;
        }));
        await started.Task.WaitAsync(Guard);

        var stopping = host.StopAsync();
        await WaitForLogAsync(host, 3001);
        var schedule = () => scheduler.ScheduleAsync(new BackgroundWork("late-work", "conversation=c-2", _ => Task.CompletedTask)).AsTask();
        await schedule.Should().ThrowAsync<InvalidOperationException>().WithMessage("*shutting down*");
        stopping.IsCompleted.Should().BeFalse();
        release.SetResult();
        await stopping.WaitAsync(Guard);

        finished.Should().BeTrue();
        host.Reporter().Reports.Should().BeEmpty();
    }

    [Test]
    public async Task Workers_RunNoMoreItemsAtOnceThanConcurrency()
    {
        const int Concurrency = 3;
        using var host = TestHost.Build(options => options.Concurrency = Concurrency);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var started = new SemaphoreSlim(0);
        int running = 0, maximum = 0, completed = 0;

        for (var i = 0; i < Concurrency * 2; i++)
        {
            await scheduler.ScheduleAsync(new BackgroundWork($"work-{i}", $"item={i}", async _ =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maximum, now);
                started.Release();
                await gate.Task;
                Interlocked.Decrement(ref running);
                Interlocked.Increment(ref completed);
            }));
        }

        for (var i = 0; i < Concurrency; i++)
        {
            (await started.WaitAsync(Guard)).Should().BeTrue();
        }

        // Give a wrongly started extra worker the chance to show itself.
        await Task.Delay(100);
        Volatile.Read(ref running).Should().Be(Concurrency);
        gate.SetResult();
        await host.StopAsync().WaitAsync(Guard);

        maximum.Should().Be(Concurrency);
        completed.Should().Be(Concurrency * 2);
    }

    [Test]
    public async Task ScheduleAsync_QueueFull_WaitsForRoomAndHonoursItsToken()
    {
        using var host = TestHost.Build(options =>
        {
            options.Concurrency = 1;
            options.Capacity = 1;
        });
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<string>();
        await scheduler.ScheduleAsync(new BackgroundWork("blocking", "item=0", async _ =>
        {
            started.SetResult();
            await release.Task;
        }));
        await started.Task.WaitAsync(Guard);
        await scheduler.ScheduleAsync(new BackgroundWork("fills-queue", "item=1", _ => Record(ran, "fills-queue")));

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var cancelled = () => scheduler.ScheduleAsync(new BackgroundWork("gives-up", "item=2", _ => Record(ran, "gives-up")), cancellation.Token).AsTask();
        await cancelled.Should().ThrowAsync<OperationCanceledException>();
        var waiting = scheduler.ScheduleAsync(new BackgroundWork("waits", "item=3", _ => Record(ran, "waits"))).AsTask();
        waiting.IsCompleted.Should().BeFalse();

        release.SetResult();
        await waiting.WaitAsync(Guard);
        await host.StopAsync().WaitAsync(Guard);

        ran.Should().Equal("fills-queue", "waits");
        host.Services.GetFakeLogCollector().GetSnapshot().Should().Contain(record => record.Id.Id == 3007 && record.Level == LogLevel.Debug);
    }

    [Test]
    public async Task QueueDepth_RisesOnEnqueueAndFallsWhenDone()
    {
        using var host = TestHost.Build(options => options.Concurrency = 1);
        using var depth = new MetricCollector<long>(host.Services.GetRequiredService<AgentRuntimeTelemetry>().BackgroundQueueDepth);
        using var dropped = new MetricCollector<long>(host.Services.GetRequiredService<AgentRuntimeTelemetry>().BackgroundDropped);
        await host.StartAsync();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();

        for (var i = 0; i < 4; i++)
        {
            await scheduler.ScheduleAsync(new BackgroundWork($"work-{i}", $"item={i}", _ => Task.CompletedTask));
        }

        await host.StopAsync().WaitAsync(Guard);

        var values = depth.GetMeasurementSnapshot().Select(measurement => measurement.Value).ToList();
        values.Count(value => value == 1).Should().Be(4);
        values.Count(value => value == -1).Should().Be(4);
        dropped.GetMeasurementSnapshot().Should().BeEmpty();
    }

    [Test]
    public async Task StopAsync_HostNeverStartedWorkers_ReportsQueuedWork()
    {
        using var host = TestHost.Build();
        var scheduler = host.Services.GetRequiredService<IBackgroundScheduler>();
        await scheduler.ScheduleAsync(new BackgroundWork("never-ran", "conversation=c-1", _ => Task.CompletedTask));
        var service = host.Services.GetServices<IHostedService>().OfType<BackgroundSchedulerHostedService>().Single();

        await service.StopAsync(CancellationToken.None).WaitAsync(Guard);

        host.Reporter().Reports.Should().ContainSingle().Which.Operation.Should().Be("never-ran");
    }

    private static Task Record(List<string> ran, string name)
    {
        lock (ran)
        {
            ran.Add(name);
        }

        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task WaitForLogAsync(IHost host, int eventId)
    {
        var collector = host.Services.GetFakeLogCollector();
        using var timeout = new CancellationTokenSource(Guard);
        while (!collector.GetSnapshot().Any(record => record.Id.Id == eventId))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
