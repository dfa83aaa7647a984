namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Waits out the drain timeout at shutdown, then returns without ever cancelling the work's token.</summary>
public sealed class NeverCancellingBackgroundScheduler : BrokenScheduler
{
    protected override bool CancelsAfterDrain => false;
}
