namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>At shutdown the consumer loop stops after the item it is running, dropping everything still queued.</summary>
public sealed class QueueDroppingBackgroundScheduler : BrokenScheduler
{
    protected override bool DropsQueuedWorkAtShutdown => true;
}
