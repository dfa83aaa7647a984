using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Log events of the hosting area (event ids 3000-3999); every text argument is redacted by the caller.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 3000, EventName = "BackgroundSchedulerStarted", Level = LogLevel.Debug,
        Message = "Background scheduler started with {Concurrency} workers and room for {Capacity} queued items.")]
    public static partial void SchedulerStarted(this ILogger logger, int concurrency, int capacity);

    [LoggerMessage(EventId = 3001, EventName = "BackgroundSchedulerDraining", Level = LogLevel.Debug,
        Message = "Background scheduler stopped accepting work; draining {Pending} queued or running items for up to {DrainTimeout}.")]
    public static partial void SchedulerDraining(this ILogger logger, int pending, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 3002, EventName = "BackgroundSchedulerStopped", Level = LogLevel.Debug,
        Message = "Background scheduler finished all work and stopped.")]
    public static partial void SchedulerStopped(this ILogger logger);

    [LoggerMessage(EventId = 3003, EventName = "BackgroundSchedulerDrainTimedOut", Level = LogLevel.Warning,
        Message = "Background scheduler stopped before all work finished: {Unfinished} items abandoned after {DrainTimeout}.")]
    public static partial void SchedulerDrainTimedOut(this ILogger logger, int unfinished, TimeSpan drainTimeout);

    [LoggerMessage(EventId = 3004, EventName = "BackgroundWorkFailed", Level = LogLevel.Warning,
        Message = "Background work {WorkName} ({WorkContext}) failed: {ErrorType}: {ErrorMessage}")]
    public static partial void WorkFailed(this ILogger logger, string workName, string workContext, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3005, EventName = "BackgroundWorkUnfinished", Level = LogLevel.Warning,
        Message = "Background work {WorkName} ({WorkContext}) was {State} when the shutdown drain ended; it was abandoned and its token cancelled.")]
    public static partial void WorkUnfinished(this ILogger logger, string workName, string workContext, string state);

    [LoggerMessage(EventId = 3006, EventName = "BackgroundWorkRefused", Level = LogLevel.Warning,
        Message = "Background work {WorkName} ({WorkContext}) was refused: the host is shutting down.")]
    public static partial void WorkRefused(this ILogger logger, string workName, string workContext);

    [LoggerMessage(EventId = 3007, EventName = "BackgroundQueueFull", Level = LogLevel.Debug,
        Message = "Background queue is full ({Capacity} items); waiting for room to schedule {WorkName}.")]
    public static partial void QueueFull(this ILogger logger, int capacity, string workName);

    [LoggerMessage(EventId = 3008, EventName = "ErrorReportFailed", Level = LogLevel.Warning,
        Message = "Reporting an error of {Operation} failed: {ErrorType}: {ErrorMessage}")]
    public static partial void ErrorReportFailed(this ILogger logger, string operation, string errorType, string errorMessage);

    [LoggerMessage(EventId = 3009, EventName = "ErrorReported", Level = LogLevel.Warning,
        Message = "Error in {Operation} ({ErrorContext}): {ErrorType}: {ErrorMessage}")]
    public static partial void ErrorReported(this ILogger logger, string operation, string errorContext, string errorType, string errorMessage);
}
