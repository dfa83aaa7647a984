namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Cancels work past the drain, then treats its OperationCanceledException as a normal end: nobody hears it was cut short.</summary>
public sealed class CancellationSwallowingBackgroundScheduler : BrokenScheduler
{
    protected override bool SwallowsCancellation => true;
}
