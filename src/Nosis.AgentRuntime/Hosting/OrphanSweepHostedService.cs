using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs the <see cref="OrphanAgentSweeper"/> every <see cref="AgentRuntimeOptions.OrphanSweepInterval"/> while the host runs.</summary>
/// <remarks>
/// The first sweep waits a random part of the interval, so instances started together do not sweep in lockstep (they are safe
/// together anyway: a 404 on delete counts as already gone). A failed sweep (Letta unreachable) is logged and the next one
/// runs on schedule. An interval of zero turns sweeping off.
/// </remarks>
internal sealed partial class OrphanSweepHostedService : PeriodicHostedService
{
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;

    public OrphanSweepHostedService(
        IServiceProvider services,
        IOptions<AgentRuntimeOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<OrphanSweepHostedService>? logger = null)
        : base(options?.Value.OrphanSweepInterval ?? throw new ArgumentNullException(nameof(options)), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    // A host that registered no agent id registry has nothing to check orphans against.
    protected override Func<CancellationToken, Task>? ResolveWork() =>
        _services.GetService<IAgentIdRegistry>() is null ? null : _services.GetRequiredService<OrphanAgentSweeper>().SweepAsync;

    protected override void OnRunFailed(string errorType) => LogSweepFailed(_logger, errorType);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "An orphan sweep failed ({ErrorType}); the next one runs on schedule.")]
    private static partial void LogSweepFailed(ILogger logger, string errorType);
}
