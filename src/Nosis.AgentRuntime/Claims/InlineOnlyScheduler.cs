using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Claims;

/// <summary>The scheduler of a sweeper's deleter: sweepers delete inline and never schedule.</summary>
internal sealed class InlineOnlyScheduler : IBackgroundScheduler
{
    public static readonly InlineOnlyScheduler Instance = new();

    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A sweeper deletes inline.");
}
