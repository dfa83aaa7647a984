using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Starts the work on the caller's thread (calls it, then forgets the task), so its synchronous part runs inside ScheduleAsync.</summary>
public sealed class InlineBackgroundScheduler : BrokenScheduler
{
    protected override ValueTask EnqueueAsync(BackgroundWork work, CancellationToken cancellationToken)
    {
        _ = RunAsync(work, ShutdownToken);
        return ValueTask.CompletedTask;
    }
}
