using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Runs the <see cref="OrphanAgentSweeper"/> (and, with a shared-agent registry, the <see cref="SharedScopeSweeper"/>) every <see cref="AgentRuntimeOptions.OrphanSweepInterval"/> while the host runs.</summary>
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
    protected override Func<CancellationToken, Task>? ResolveWork()
    {
        if (_services.GetService<IAgentIdRegistry>() is null)
        {
            return null;
        }

        var agents = _services.GetRequiredService<OrphanAgentSweeper>();
        if (_services.GetService<ISharedAgentRegistry>() is null)
        {
            return agents.SweepAsync;
        }

        var shared = _services.GetRequiredService<SharedScopeSweeper>();
        return async cancellationToken =>
        {
            try
            {
                await agents.SweepAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await shared.SweepAsync(cancellationToken).ConfigureAwait(false); // shared agents are swept even when the first sweep failed
            }
        };
    }

    protected override void OnRunFailed(string errorType) => LogSweepFailed(_logger, errorType);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "An orphan sweep failed ({ErrorType}); the next one runs on schedule.")]
    private static partial void LogSweepFailed(ILogger logger, string errorType);
}
