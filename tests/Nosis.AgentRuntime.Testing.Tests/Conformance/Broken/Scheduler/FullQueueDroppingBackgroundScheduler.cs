using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>A bounded queue of 16 whose TryWrite result is ignored: under a burst, work is silently dropped.</summary>
public sealed class FullQueueDroppingBackgroundScheduler : BrokenScheduler
{
    protected override int? Capacity => 16;

    protected override TimeSpan PerItemOverhead => TimeSpan.FromMilliseconds(1);

    protected override ValueTask EnqueueAsync(BackgroundWork work, CancellationToken cancellationToken)
    {
        _ = TryWrite(work);
        return ValueTask.CompletedTask;
    }
}
