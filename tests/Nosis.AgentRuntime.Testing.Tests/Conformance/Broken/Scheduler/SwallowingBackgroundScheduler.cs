using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Fire-and-forget on the thread pool: work that throws is lost, and nothing is ever refused.</summary>
public sealed class SwallowingBackgroundScheduler : BrokenScheduler
{
    public override ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        _ = Task.Run(() => work.ExecuteAsync(CancellationToken.None), CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    public override Task ShutdownAsync() => Task.CompletedTask;
}
