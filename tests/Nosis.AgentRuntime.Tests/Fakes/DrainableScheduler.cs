using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Fakes;

/// <summary>Runs background work at once on the thread pool and lets a test wait until all of it has finished.</summary>
internal sealed class DrainableScheduler : IBackgroundScheduler
{
    private readonly ConcurrentQueue<Task> _running = new();

    public ConcurrentQueue<BackgroundWork> Scheduled { get; } = new();

    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        Scheduled.Enqueue(work);
        _running.Enqueue(Task.Run(() => work.ExecuteAsync(CancellationToken.None)));
        return ValueTask.CompletedTask;
    }

    public async Task DrainAsync()
    {
        while (_running.TryDequeue(out var task))
        {
            await task.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
