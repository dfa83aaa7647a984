namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Cancels the work's token the moment shutdown begins, so replies being saved are cut short.</summary>
public sealed class NoDrainBackgroundScheduler : BrokenScheduler
{
    protected override bool CancelsAtOnce => true;
}
