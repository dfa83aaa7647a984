using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>The default <see cref="IBackgroundScheduler"/>: a bounded channel that <see cref="BackgroundSchedulerHostedService"/> drains.</summary>
/// <remarks>
/// Scheduling waits for room when the queue is full. Once the host begins to stop, scheduling throws
/// <see cref="InvalidOperationException"/>; work already queued still runs, up to the drain timeout.
/// </remarks>
internal sealed class ChannelBackgroundScheduler : IBackgroundScheduler
{
    private readonly Channel<ScheduledWork> _channel;
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly int _capacity;
    private volatile bool _stopped;

    /// <summary>Initializes the scheduler with an empty queue of <see cref="BackgroundSchedulerOptions.Capacity"/> items.</summary>
    public ChannelBackgroundScheduler(
        IOptions<BackgroundSchedulerOptions> options,
        AgentRuntimeTelemetry telemetry,
        SecretRedactor redactor,
        ILoggerFactory? loggerFactory = null)
    {
        _capacity = options.Value.Capacity;
        _telemetry = telemetry;
        _redactor = redactor;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ChannelBackgroundScheduler>();
        _channel = Channel.CreateBounded<ScheduledWork>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Gets the queue the hosted service reads.</summary>
    internal ChannelReader<ScheduledWork> Reader => _channel.Reader;

    /// <summary>Gets whether scheduling is still accepted.</summary>
    internal bool IsAcceptingWork => !_stopped;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The host is shutting down and no longer accepts work.</exception>
    public async ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        if (_stopped)
        {
            throw Refuse(work);
        }

        var item = new ScheduledWork(work);
        _telemetry.BackgroundQueueDepth.Add(1);
        try
        {
            if (!_channel.Writer.TryWrite(item))
            {
                if (_stopped)
                {
                    throw new ChannelClosedException();
                }

                _logger.QueueFull(_capacity, _redactor.Redact(work.Name));
                await _channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            _telemetry.BackgroundQueueDepth.Add(-1);
            throw Refuse(work);
        }
        catch (OperationCanceledException)
        {
            _telemetry.BackgroundQueueDepth.Add(-1);
            throw;
        }
    }

    /// <summary>Stops accepting work; queued work stays readable. Safe to call more than once.</summary>
    internal void StopAccepting()
    {
        _stopped = true;
        _channel.Writer.TryComplete();
    }

    private InvalidOperationException Refuse(BackgroundWork work)
    {
        var name = _redactor.Redact(work.Name);
        var context = _redactor.Redact(work.Context);
        _telemetry.BackgroundDropped.Add(1, new KeyValuePair<string, object?>(BackgroundSchedulerHostedService.DropReasonTag, "refused"));
        _logger.WorkRefused(name, context);
        return new InvalidOperationException(
            $"Background work '{name}' ({context}) was not scheduled: the host is shutting down and the background scheduler no longer accepts work.");
    }
}
