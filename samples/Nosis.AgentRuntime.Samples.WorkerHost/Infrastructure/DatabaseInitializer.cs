using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Migrates the database at start-up; when it is down, keeps trying in the background so the worker starts anyway and recovers.</summary>
internal sealed partial class DatabaseInitializer(
    AgentRuntimeDatabase database, OfficeMembers members, DatabaseReadiness readiness, ILogger<DatabaseInitializer> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>Tries once; <see langword="false"/> when the database is unreachable (any other failure is thrown: it will not heal by waiting).</summary>
    public async Task<bool> TryInitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken);
            await members.EnsureTableAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseOutage.IsOutage(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception.GetType().Name);
            return false;
        }

        readiness.MarkReady();
        return true;
    }

    /// <summary>Retries with growing pauses until the database is migrated or the host stops.</summary>
    public async Task RetryUntilReadyAsync(CancellationToken stopping)
    {
        var delay = FirstDelay;
        try
        {
            do
            {
                await Task.Delay(delay, stopping);
                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
            while (!await TryInitializeAsync(stopping));

            LogRecovered(logger);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stopped before the database came back.
        }
        catch (DatabaseConfigurationException exception)
        {
            // Back, but unusable as configured: /api keeps answering 503 until an operator fixes the connection string.
            LogUnusable(logger, exception.Message);
        }
    }

    [LoggerMessage(10, LogLevel.Warning, "Database: unavailable ({ErrorType}); /api answers 503 until it can be migrated. Retrying.")]
    private static partial void LogUnavailable(ILogger logger, string errorType);

    [LoggerMessage(11, LogLevel.Information, "Database: available again and migrated; /api is served.")]
    private static partial void LogRecovered(ILogger logger);

    [LoggerMessage(12, LogLevel.Critical, "Database: reachable but unusable as configured, /api keeps answering 503: {Reason}")]
    private static partial void LogUnusable(ILogger logger, string reason);
}
