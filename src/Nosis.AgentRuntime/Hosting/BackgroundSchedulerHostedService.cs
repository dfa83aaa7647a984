using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs the work queued in <see cref="ChannelBackgroundScheduler"/> on a fixed number of workers and drains it when the host stops.</summary>
/// <remarks>
/// When the host begins to stop, new work is refused; queued and running work gets until
/// <see cref="BackgroundSchedulerOptions.DrainTimeout"/> (or the host's own stop deadline, if sooner). Whatever is left then is
/// reported through <see cref="IErrorReporter"/> and a log line, and the token handed to running work is cancelled.
/// A work item that throws is reported and the worker goes on with the next one.
/// </remarks>
internal sealed class BackgroundSchedulerHostedService : IHostedLifecycleService, IDisposable
{
    /// <summary>The tag on <see cref="AgentRuntimeTelemetry.BackgroundDropped"/> that says why an item was dropped: <c>refused</c> or <c>unfinished</c>.</summary>
    internal const string DropReasonTag = "nosis.background.drop_reason";

    /// <summary>The <see cref="ErrorReport.ErrorType"/> of a report about work that shutdown abandoned.</summary>
    internal const string UnfinishedErrorType = "BackgroundWorkUnfinished";

    private readonly ChannelBackgroundScheduler _scheduler;
    private readonly IErrorReporter _errorReporter;
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly SecretRedactor _redactor;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly BackgroundSchedulerOptions _options;
    private readonly CancellationTokenSource _abandon = new();
    private readonly CancellationToken _abandonToken;
    private readonly ConcurrentDictionary<ScheduledWork, byte> _running = new();
    private Task[] _workers = [];
    private int _disposed;

    /// <summary>Initializes the service.</summary>
    public BackgroundSchedulerHostedService(
        ChannelBackgroundScheduler scheduler,
        IErrorReporter errorReporter,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        TimeProvider timeProvider,
        IOptions<BackgroundSchedulerOptions> options,
        ILoggerFactory? loggerFactory = null)
    {
        _scheduler = scheduler;
        _errorReporter = errorReporter;
        _telemetry = telemetry;
        _redactor = redactor;
        _timeProvider = timeProvider;
        _options = options.Value;
        _abandonToken = _abandon.Token;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<BackgroundSchedulerHostedService>();
    }

    /// <inheritdoc/>
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_workers.Length == 0)
        {
            _workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(RunWorkerAsync, CancellationToken.None)).ToArray();
            _logger.SchedulerStarted(_options.Concurrency, _options.Capacity);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    /// <remarks>The host's stop has begun: from here on, scheduling is refused.</remarks>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _scheduler.StopAccepting();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    /// <remarks>Returns when all queued and running work has finished, or when the drain timeout or <paramref name="cancellationToken"/> ends the wait.</remarks>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _scheduler.StopAccepting();
        _logger.SchedulerDraining(_scheduler.Reader.Count + _running.Count, _options.DrainTimeout);

        var drained = false;
        try
        {
            await Task.WhenAll(_workers).WaitAsync(_options.DrainTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            drained = true;
        }
        catch (TimeoutException)
        {
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        // Cancel first, then collect: a worker that picks an item up after this abandons it itself.
        await _abandon.CancelAsync().ConfigureAwait(false);
        var unfinished = 0;
        foreach (var item in _running.Keys)
        {
            unfinished += await AbandonAsync(item).ConfigureAwait(false) ? 1 : 0;
        }

        while (_scheduler.Reader.TryRead(out var item))
        {
            unfinished += await AbandonAsync(item).ConfigureAwait(false) ? 1 : 0;
        }

        if (drained && unfinished == 0)
        {
            _logger.SchedulerStopped();
        }
        else
        {
            _logger.SchedulerDrainTimedOut(unfinished, _options.DrainTimeout);
        }
    }

    /// <inheritdoc/>
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _scheduler.StopAccepting();
        _abandon.Cancel();
        _abandon.Dispose();
    }

    private async Task RunWorkerAsync()
    {
        var reader = _scheduler.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                await RunAsync(item).ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(ScheduledWork item)
    {
        if (!item.TryStart())
        {
            return;
        }

        _running.TryAdd(item, 0);
        try
        {
            if (_abandonToken.IsCancellationRequested)
            {
                await AbandonAsync(item).ConfigureAwait(false);
                return;
            }

            Exception? failure = null;
            try
            {
                await item.Work.ExecuteAsync(_abandonToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Work items are arbitrary host code: any failure is reported, and the worker goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = exception;
            }

            if (item.TryComplete())
            {
                _telemetry.BackgroundQueueDepth.Add(-1);
                if (failure is not null)
                {
                    await ReportFailureAsync(item.Work, failure).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _running.TryRemove(item, out _);
        }
    }

    private async Task ReportFailureAsync(BackgroundWork work, Exception failure)
    {
        var name = _redactor.Redact(work.Name);
        var context = _redactor.Redact(work.Context);
        var errorType = failure.GetType().FullName ?? failure.GetType().Name;
        var message = _redactor.Redact(failure.Message);
        _logger.WorkFailed(name, context, errorType, message);
        await ReportAsync(new ErrorReport(name, $"Background work failed: {message}", context) { ErrorType = errorType }).ConfigureAwait(false);
    }

    private async Task<bool> AbandonAsync(ScheduledWork item)
    {
        var state = item.TryAbandon();
        if (state is null)
        {
            return false;
        }

        _telemetry.BackgroundQueueDepth.Add(-1);
        _telemetry.BackgroundDropped.Add(1, new KeyValuePair<string, object?>(DropReasonTag, "unfinished"));
        var name = _redactor.Redact(item.Work.Name);
        var context = _redactor.Redact(item.Work.Context);
        _logger.WorkUnfinished(name, context, state);
        await ReportAsync(new ErrorReport(
            name,
            $"Background work was {state} when the host's shutdown drain ended (drain timeout {_options.DrainTimeout}); it was abandoned and its token cancelled.",
            context)
        {
            ErrorType = UnfinishedErrorType,
        }).ConfigureAwait(false);
        return true;
    }

    private async Task ReportAsync(ErrorReport report)
    {
        try
        {
            await _errorReporter.ReportAsync(report, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failing reporter must not stop the workers or the drain; it is logged instead.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _logger.ErrorReportFailed(report.Operation, exception.GetType().FullName ?? exception.GetType().Name, _redactor.Redact(exception.Message));
        }
    }
}
