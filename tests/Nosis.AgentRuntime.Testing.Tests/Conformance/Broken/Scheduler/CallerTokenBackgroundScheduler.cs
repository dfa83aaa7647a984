using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>Links the work's token to the token of the request that scheduled it, so a client that leaves cancels the save.</summary>
public sealed class CallerTokenBackgroundScheduler : BrokenScheduler
{
    protected override ValueTask EnqueueAsync(BackgroundWork work, CancellationToken cancellationToken)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(ShutdownToken, cancellationToken);
        _ = Task.Run(() => RunAsync(work, linked.Token), CancellationToken.None);
        return ValueTask.CompletedTask;
    }
}
