using System.Threading.Channels;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Scheduler;

/// <summary>The base of the deliberately wrong schedulers: a correct single-consumer queue whose steps each bug overrides.</summary>
public abstract class BrokenScheduler : IBackgroundScheduler, IAsyncDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private Channel<BackgroundWork> _queue = Channel.CreateUnbounded<BackgroundWork>(new UnboundedChannelOptions { SingleReader = true });
    private Task _consumer = Task.CompletedTask;
    private volatile bool _stopped;

    protected IErrorReporter Reporter { get; private set; } = null!;

    protected TimeSpan DrainTimeout { get; private set; }

    protected CancellationToken ShutdownToken => _shutdown.Token;

    protected bool IsStopped => _stopped;

    /// <summary>Gets the queue's capacity; <see langword="null"/> for unbounded.</summary>
    protected virtual int? Capacity => null;

    /// <summary>Gets how long each item occupies the consumer beyond the work itself (a database round trip).</summary>
    protected virtual TimeSpan PerItemOverhead => TimeSpan.Zero;

    protected virtual bool DropsQueuedWorkAtShutdown => false;

    protected virtual bool CancelsAtOnce => false;

    protected virtual bool CancelsAfterDrain => true;

    protected virtual bool SwallowsCancellation => false;

    public BrokenScheduler Start(IErrorReporter reporter, TimeSpan drainTimeout)
    {
        Reporter = reporter;
        DrainTimeout = drainTimeout;
        if (Capacity is { } capacity)
        {
            _queue = Channel.CreateBounded<BackgroundWork>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        }

        _consumer = Task.Run(ConsumeAsync);
        return this;
    }

    public virtual ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        if (_stopped)
        {
            throw new InvalidOperationException($"The scheduler has shut down; '{work.Name}' was refused.");
        }

        return EnqueueAsync(work, cancellationToken);
    }

    public virtual async Task ShutdownAsync()
    {
        _stopped = true;
        _queue.Writer.TryComplete();
        if (CancelsAtOnce)
        {
            await _shutdown.CancelAsync();
        }

        if (await Task.WhenAny(_consumer, Task.Delay(DrainTimeout)) != _consumer && CancelsAfterDrain)
        {
            await _shutdown.CancelAsync();
            await Task.WhenAny(_consumer, Task.Delay(DrainTimeout));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _shutdown.CancelAsync();
        await Task.WhenAny(_consumer, Task.Delay(TimeSpan.FromSeconds(5)));
        _shutdown.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual ValueTask EnqueueAsync(BackgroundWork work, CancellationToken cancellationToken) =>
        _queue.Writer.TryWrite(work) ? ValueTask.CompletedTask : _queue.Writer.WriteAsync(work, cancellationToken);

    protected bool TryWrite(BackgroundWork work) => _queue.Writer.TryWrite(work);

    protected async Task RunAsync(BackgroundWork work, CancellationToken token)
    {
        try
        {
            await work.ExecuteAsync(token);
        }
        catch (OperationCanceledException) when (SwallowsCancellation && token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await Reporter.ReportAsync(new ErrorReport(work.Name, ex.Message, work.Context) { ErrorType = ex.GetType().FullName });
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var work in _queue.Reader.ReadAllAsync())
        {
            if (_stopped && DropsQueuedWorkAtShutdown)
            {
                return;
            }

            if (PerItemOverhead > TimeSpan.Zero)
            {
                await Task.Delay(PerItemOverhead);
            }

            await RunAsync(work, ShutdownToken);
        }
    }
}
