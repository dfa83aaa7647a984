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
internal sealed class TurnReconcilerHostedService : PeriodicHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public TurnReconcilerHostedService(
        IServiceProvider services,
        IOptions<AgentRuntimeOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<TurnReconcilerHostedService>? logger = null)
        : base(options?.Value.TurnRecoveryInterval ?? throw new ArgumentNullException(nameof(options)), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    protected override Func<CancellationToken, Task>? ResolveWork() =>
        TurnRecoveryServices.CreateReconciler(_services) is { } reconciler ? reconciler.ReconcileAsync : null;

    protected override void OnRunFailed(string errorType) => _logger.ReconcileRunFailed(errorType);
}
