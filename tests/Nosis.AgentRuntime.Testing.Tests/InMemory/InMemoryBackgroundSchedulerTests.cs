using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.InMemory;

public class InMemoryBackgroundSchedulerTests
{
    [Test]
    public async Task WaitForIdleAsync_WorkSchedulesMoreWork_WaitsForAllOfIt()
    {
        await using var scheduler = new InMemoryBackgroundScheduler();
        var innerDone = false;
        await scheduler.ScheduleAsync(new BackgroundWork("outer", "c=1", async _ =>
        {
            await Task.Delay(20);
            await scheduler.ScheduleAsync(new BackgroundWork("inner", "c=1", async _ =>
            {
                await Task.Delay(50);
                innerDone = true;
            }));
        }));

        await scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(5));

        innerDone.Should().BeTrue();
        scheduler.PendingCount.Should().Be(0);
        scheduler.ScheduledCount.Should().Be(2);
    }

    [Test]
    public async Task WaitForIdleAsync_WorkStillRunning_ThrowsTimeoutExceptionThatSaysSo()
    {
        await using var scheduler = new InMemoryBackgroundScheduler();
        var release = new TaskCompletionSource();
        await scheduler.ScheduleAsync(new BackgroundWork("stuck", "c=1", _ => release.Task));

        var wait = () => scheduler.WaitForIdleAsync(TimeSpan.FromMilliseconds(50));

        (await wait.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("1 item(s) of work still running");
        release.SetResult();
    }

    [Test]
    public async Task ScheduleAsync_AfterComplete_ThrowsWithTheWorkNamed()
    {
        await using var scheduler = new InMemoryBackgroundScheduler();
        scheduler.Complete();

        var schedule = async () => await scheduler.ScheduleAsync(new BackgroundWork("save-assistant-message", "conversation=c_1", _ => Task.CompletedTask));

        (await schedule.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("shut down and accepts no more work").And.Contain("'save-assistant-message' (conversation=c_1)");
    }

    [Test]
    public async Task ScheduleAsync_AfterDispose_Throws()
    {
        var scheduler = new InMemoryBackgroundScheduler();
        await scheduler.DisposeAsync();

        var schedule = async () => await scheduler.ScheduleAsync(new BackgroundWork("late", "c=1", _ => Task.CompletedTask));

        await schedule.Should().ThrowAsync<InvalidOperationException>();
        scheduler.IsCompleted.Should().BeTrue();
    }

    [Test]
    public async Task ShutdownAsync_WorkPastTheDrainTimeout_CancelsItsTokenAndReportsIt()
    {
        var reporter = new InMemoryErrorReporter();
        await using var scheduler = new InMemoryBackgroundScheduler(reporter);
        await scheduler.ScheduleAsync(new BackgroundWork("slow", "conversation=c_2", token => Task.Delay(Timeout.Infinite, token)));

        await scheduler.ShutdownAsync(TimeSpan.FromMilliseconds(100));

        scheduler.PendingCount.Should().Be(0);
        reporter.Reports.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Operation = "slow",
            Context = "conversation=c_2",
            ErrorType = typeof(TaskCanceledException).FullName,
        });
    }

    [Test]
    public async Task ScheduleAsync_WorkThrows_ReportsNameContextMessageAndType()
    {
        var reporter = new InMemoryErrorReporter();
        await using var scheduler = new InMemoryBackgroundScheduler(reporter);

        await scheduler.ScheduleAsync(new BackgroundWork("delete-orphan-agent", "agent=a_1", _ => throw new InvalidOperationException("boom")));
        await scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(5));

        reporter.Reports.Should().Equal(new ErrorReport("delete-orphan-agent", "boom", "agent=a_1") { ErrorType = typeof(InvalidOperationException).FullName });
        scheduler.FailedCount.Should().Be(1);
    }

    [Test]
    public async Task ScheduleAsync_ReporterThrows_SchedulerKeepsRunning()
    {
        await using var scheduler = new InMemoryBackgroundScheduler(new ThrowingReporter());
        var ran = false;

        await scheduler.ScheduleAsync(new BackgroundWork("fails", "c=1", _ => throw new InvalidOperationException("boom")));
        await scheduler.ScheduleAsync(new BackgroundWork("runs", "c=1", _ =>
        {
            ran = true;
            return Task.CompletedTask;
        }));
        await scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(5));

        ran.Should().BeTrue();
        scheduler.FailedCount.Should().Be(1);
    }

    private sealed class ThrowingReporter : IErrorReporter
    {
        public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default) => throw new InvalidOperationException("The sink is down.");
    }
}
