using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The scheduler suite over one deliberately wrong scheduler, with shorter waits so that a caught bug fails quickly.</summary>
public abstract class BrokenSchedulerSuite<T> : BackgroundSchedulerConformanceTests
    where T : BrokenScheduler, new()
{
    protected override TimeSpan WorkTimeout => TimeSpan.FromSeconds(2);

    protected override TimeSpan DrainTimeout => TimeSpan.FromMilliseconds(500);

    protected override Task<IBackgroundScheduler> CreateSchedulerAsync(IErrorReporter errorReporter, TimeSpan drainTimeout) =>
        Task.FromResult<IBackgroundScheduler>(new T().Start(errorReporter, drainTimeout));

    protected override Task ShutdownAsync(IBackgroundScheduler scheduler) => ((T)scheduler).ShutdownAsync();
}

[Explicit(BrokenSuite.Reason)] public sealed class SwallowingSchedulerSuite : BrokenSchedulerSuite<SwallowingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class InlineSchedulerSuite : BrokenSchedulerSuite<InlineBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class AwaitingSchedulerSuite : BrokenSchedulerSuite<AwaitingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class CallerTokenSchedulerSuite : BrokenSchedulerSuite<CallerTokenBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class QueueDroppingSchedulerSuite : BrokenSchedulerSuite<QueueDroppingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class NeverCancellingSchedulerSuite : BrokenSchedulerSuite<NeverCancellingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class CancellationSwallowingSchedulerSuite : BrokenSchedulerSuite<CancellationSwallowingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class NoDrainSchedulerSuite : BrokenSchedulerSuite<NoDrainBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class FullQueueDroppingSchedulerSuite : BrokenSchedulerSuite<FullQueueDroppingBackgroundScheduler>;
[Explicit(BrokenSuite.Reason)] public sealed class AcceptingAfterShutdownSchedulerSuite : BrokenSchedulerSuite<AcceptingAfterShutdownBackgroundScheduler>;
