using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Recovery;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs the <see cref="TurnReconciler"/> every <see cref="AgentRuntimeOptions.TurnRecoveryInterval"/> while the host runs.</summary>
/// <remarks>
/// The first run waits a random part of the interval, so instances started together do not run in lockstep. A host whose
/// message store finds no unanswered turns (<see cref="Contracts.IUnansweredTurnStore"/>) or that has no agent id registry
/// has nothing to reconcile. A failed run is logged and the next one runs on schedule; an interval of zero turns it off.
/// </remarks>
internal sealed class TurnReconcilerHostedService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public TurnReconcilerHostedService(
        IServiceProvider services,
        IOptions<AgentRuntimeOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<TurnReconcilerHostedService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _interval = options.Value.TurnRecoveryInterval;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(_interval * Random.Shared.NextDouble(), _timeProvider, stoppingToken).ConfigureAwait(false);

            // Resolved at the first run, not at start-up, like the orphan sweeper: adapters built after start are there by now.
            if (TurnRecoveryServices.CreateReconciler(_services) is not { } reconciler)
            {
                return;
            }

            using var timer = new PeriodicTimer(_interval, _timeProvider);
            do
            {
                await RunOnceAsync(reconciler, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task RunOnceAsync(TurnReconciler reconciler, CancellationToken stoppingToken)
    {
        try
        {
            await reconciler.ReconcileAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            // The exception itself is not logged: its message may quote a Letta or database response.
            _logger.ReconcileRunFailed(exception.GetType().Name);
        }
    }
}
