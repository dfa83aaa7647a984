using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>After shutdown it still accepts work and runs it on the thread pool, so the caller believes it will be done.</summary>
public sealed class AcceptingAfterShutdownBackgroundScheduler : BrokenScheduler
{
    public override ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        if (IsStopped)
        {
            _ = Task.Run(() => RunAsync(work, CancellationToken.None), CancellationToken.None);
            return ValueTask.CompletedTask;
        }

        return base.ScheduleAsync(work, cancellationToken);
    }
}
