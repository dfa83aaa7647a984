using System.Diagnostics;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IBackgroundScheduler"/> that runs work on the thread pool and lets a test await its drain.</summary>
/// <remarks>
/// Work runs at once, each item on its own thread-pool task, with a token tied to this scheduler's shutdown (never to the
/// token passed to <see cref="ScheduleAsync"/>). Work that throws is reported to the error reporter with the work's name and
/// context, never lost. After <see cref="Complete"/>, <see cref="ShutdownAsync"/> or disposal, scheduling throws
/// <see cref="InvalidOperationException"/>. Every member is thread-safe.
/// </remarks>
public sealed class InMemoryBackgroundScheduler : IBackgroundScheduler, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = [];
    private readonly CancellationTokenSource _shutdown = new();
    private bool _completed;
    private int _scheduledCount;
    private int _failedCount;

    /// <summary>Initializes a new scheduler.</summary>
    /// <param name="errorReporter">Receives work that throws; a new <see cref="InMemoryErrorReporter"/> when <see langword="null"/>.</param>
    public InMemoryBackgroundScheduler(IErrorReporter? errorReporter = null)
    {
        ErrorReporter = errorReporter ?? new InMemoryErrorReporter();
    }

    /// <summary>Gets the reporter that receives work that throws.</summary>
    public IErrorReporter ErrorReporter { get; }

    /// <summary>Gets how many items of work were accepted so far.</summary>
    public int ScheduledCount => Volatile.Read(ref _scheduledCount);

    /// <summary>Gets how many items of work threw so far.</summary>
    public int FailedCount => Volatile.Read(ref _failedCount);

    /// <summary>Gets how many items of work are still running.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    /// <summary>Gets a value indicating whether the scheduler accepts no more work.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_completed)
            {
                throw new InvalidOperationException(
                    $"The background scheduler has shut down and accepts no more work; '{work.Name}' ({work.Context}) was refused. Schedule work before the host stops.");
            }

            _scheduledCount++;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = RunAsync(work, gate.Task);
            _running.Add(task);
            _ = task.ContinueWith(Forget, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            gate.SetResult();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until no work is running, including work scheduled by running work.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes once the scheduler is idle.</returns>
    /// <exception cref="TimeoutException">Work was still running when <paramref name="timeout"/> passed.</exception>
    public async Task WaitForIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return;
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            try
            {
                await Task.WhenAll(running).WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"The background scheduler was not idle after {timeout.TotalMilliseconds:0} ms: {PendingCount} item(s) of work still running.");
            }
        }
    }

    /// <summary>Stops accepting work; work already scheduled keeps running.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }
    }

    /// <summary>Stops accepting work, lets running work finish for up to <paramref name="drainTimeout"/>, then cancels the shutdown token.</summary>
    /// <param name="drainTimeout">How long running work may take to finish before its token is cancelled.</param>
    /// <returns>A task that completes once the work has finished, or its token has been cancelled and it has stopped.</returns>
    public async Task ShutdownAsync(TimeSpan drainTimeout)
    {
        Complete();
        try
        {
            await WaitForIdleAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _shutdown.CancelAsync().ConfigureAwait(false);
            try
            {
                await WaitForIdleAsync(drainTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Work that ignores its token is left to the thread pool; nothing more can be done.
            }
        }
    }

    /// <summary>Shuts down with a five-second drain (see <see cref="ShutdownAsync"/>) and frees the shutdown token.</summary>
    /// <returns>A task that completes once shut down.</returns>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _shutdown.Dispose();
    }

    private static void Forget(Task task, object? state)
    {
        var scheduler = (InMemoryBackgroundScheduler)state!;
        lock (scheduler._gate)
        {
            scheduler._running.Remove(task);
        }
    }

    private async Task RunAsync(BackgroundWork work, Task start)
    {
        await start.ConfigureAwait(false);
        try
        {
            await work.ExecuteAsync(_shutdown.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A background failure is reported, never thrown: there is no caller left to throw to.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failedCount);
            try
            {
                var report = new ErrorReport(work.Name, ex.Message, work.Context) { ErrorType = ex.GetType().FullName };
                await ErrorReporter.ReportAsync(report, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A reporter that fails has nowhere left to report to.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
