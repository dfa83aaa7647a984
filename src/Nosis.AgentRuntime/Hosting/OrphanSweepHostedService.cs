using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs the <see cref="OrphanAgentSweeper"/> every <see cref="AgentRuntimeOptions.OrphanSweepInterval"/> while the host runs.</summary>
/// <remarks>
/// The first sweep waits a random part of the interval, so instances started together do not sweep in lockstep (they are safe
/// together anyway: a 404 on delete counts as already gone). A failed sweep (Letta unreachable) is logged and the next one
/// runs on schedule. An interval of zero turns sweeping off.
/// </remarks>
internal sealed partial class OrphanSweepHostedService : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public OrphanSweepHostedService(
        IServiceProvider services,
        IOptions<AgentRuntimeOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<OrphanSweepHostedService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        _services = services;
        _interval = options.Value.OrphanSweepInterval;
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

            // Resolved only now, not injected or at start-up: a host that registered no agent id registry has nothing to check
            // orphans against, and a host whose adapters are built after it starts has them by the first sweep.
            if (_services.GetService<IAgentIdRegistry>() is null)
            {
                return;
            }

            var sweeper = _services.GetRequiredService<OrphanAgentSweeper>();
            var shared = _services.GetService<ISharedAgentRegistry>() is null ? null : _services.GetRequiredService<SharedScopeSweeper>();
            using var timer = new PeriodicTimer(_interval, _timeProvider);
            do
            {
                await SweepOnceAsync(sweeper.SweepAsync, stoppingToken).ConfigureAwait(false);
                if (shared is not null)
                {
                    await SweepOnceAsync(shared.SweepAsync, stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task SweepOnceAsync<T>(Func<CancellationToken, Task<T>> sweep, CancellationToken stoppingToken)
    {
        try
        {
            await sweep(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is not OutOfMemoryException)
        {
            LogSweepFailed(_logger, exception.GetType().Name);
        }
    }

    // The exception itself is not logged: its message may quote a Letta response; the type says enough to act on.
    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "An orphan sweep failed ({ErrorType}); the next one runs on schedule.")]
    private static partial void LogSweepFailed(ILogger logger, string errorType);
}
