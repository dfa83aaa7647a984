using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong scheduler: fire-and-forget on the thread pool, so work that throws is lost and nothing is ever refused.</summary>
internal sealed class SwallowingBackgroundScheduler : IBackgroundScheduler
{
    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        _ = Task.Run(() => work.ExecuteAsync(CancellationToken.None), CancellationToken.None);
        return ValueTask.CompletedTask;
    }
}
