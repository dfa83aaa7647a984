using Nosis.AgentRuntime.Samples.WorkerHost.Api;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Answers failures that escape an endpoint as <c>{ "error": "…" }</c>: Kestrel's bad requests (413 for oversized bodies) keep their status, anything else is 500.</summary>
internal sealed partial class ErrorResponseMiddleware(RequestDelegate next, ILogger<ErrorResponseMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
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
#pragma warning disable CA1031 // The last line of defence: log the failure, answer 500 without details.
        catch (Exception exception) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogUnhandled(logger, context.Request.Method, context.Request.Path, exception);
            context.Response.Clear();
            await ApiError.Status(StatusCodes.Status500InternalServerError, "An unexpected error occurred.").ExecuteAsync(context);
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Unhandled failure in {Method} {Path}.")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
