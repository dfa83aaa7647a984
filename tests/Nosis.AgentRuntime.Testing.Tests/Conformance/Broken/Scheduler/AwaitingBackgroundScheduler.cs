using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Awaits the work inside ScheduleAsync, so the response waits for the background work.</summary>
public sealed class AwaitingBackgroundScheduler : BrokenScheduler
{
    protected override ValueTask EnqueueAsync(BackgroundWork work, CancellationToken cancellationToken) => new(Task.Run(() => RunAsync(work, ShutdownToken), CancellationToken.None));
}
