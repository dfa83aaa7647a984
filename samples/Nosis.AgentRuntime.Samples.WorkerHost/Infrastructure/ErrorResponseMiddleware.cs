using Nosis.AgentRuntime.Samples.WorkerHost.Api;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>
/// Answers failures that escape an endpoint as <c>{ "error": "…" }</c>: Kestrel's bad requests (413 for oversized bodies, 408
/// for slow ones) keep their status, a database that is down or not yet migrated is 503 with <c>Retry-After</c>, anything else is 500.
/// </summary>
internal sealed partial class ErrorResponseMiddleware(RequestDelegate next, DatabaseReadiness readiness, ILogger<ErrorResponseMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!readiness.IsReady && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await Unavailable(context, "The database is not available yet; try again shortly.");
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await (exception.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? JsonBody.TooLarge(context)
                : ApiError.Status(exception.StatusCode, "The request is malformed.")).ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception exception) when (!context.Response.HasStarted && DatabaseOutage.IsOutage(exception))
        {
            LogOutage(logger, context.Request.Method, context.Request.Path, exception.GetType().Name);
            context.Response.Clear();
            await Unavailable(context, "The database is unavailable; try again shortly.");
        }
#pragma warning disable CA1031 // The last line of defence: log the failure, answer 500 without details.
        catch (Exception exception) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
            context.Response.Clear();
            await ApiError.Status(StatusCodes.Status500InternalServerError, "An unexpected error occurred.").ExecuteAsync(context);
        }
    }

    private static Task Unavailable(HttpContext context, string message)
    {
        context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiError.Status(StatusCodes.Status503ServiceUnavailable, message).ExecuteAsync(context);
    }

    [LoggerMessage(1, LogLevel.Error, "Unhandled failure in {Method} {Path}.")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "The database is unavailable for {Method} {Path} ({ErrorType}); answered 503.")]
    private static partial void LogOutage(ILogger logger, string method, PathString path, string errorType);
}
