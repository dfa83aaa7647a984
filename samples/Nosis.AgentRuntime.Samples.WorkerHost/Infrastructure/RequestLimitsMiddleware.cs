using Nosis.AgentRuntime.Samples.WorkerHost.Api;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>
/// Answers an over-long request target with 414 and oversized headers with 431, each with the JSON error body. Kestrel itself
/// reads up to <see cref="WorkerHostLimits.KestrelHeaderAndLineLimit"/> so that these refusals reach the application (Kestrel's
/// own refusals are bodiless); beyond that Kestrel still refuses on its own.
/// </summary>
internal sealed class RequestLimitsMiddleware(RequestDelegate next)
{
    /// <summary>The most request headers answered; Kestrel itself accepts up to ten times as many.</summary>
    public const int MaxHeaderCount = 100;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > WorkerHostLimits.MaxRequestTargetLength)
        {
            return ApiError.Status(
                StatusCodes.Status414UriTooLong,
                $"The request target is longer than {WorkerHostLimits.MaxRequestTargetLength} characters.").ExecuteAsync(context);
        }

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length;
            foreach (var value in values)
            {
                headerBytes += value?.Length ?? 0;
            }
        }

        if (request.Headers.Count > MaxHeaderCount || headerBytes > WorkerHostLimits.MaxRequestHeaderBytes)
        {
            return ApiError.Status(
                StatusCodes.Status431RequestHeaderFieldsTooLarge,
                $"The request headers are larger than {WorkerHostLimits.MaxRequestHeaderBytes} bytes or more than {MaxHeaderCount} fields.").ExecuteAsync(context);
        }

        return next(context);
    }

    /// <summary>Raises Kestrel's own limits so the limits above are the ones clients meet.</summary>
    public static void ConfigureKestrel(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits limits)
    {
        limits.MaxRequestBodySize = WorkerHostLimits.MaxRequestBodyBytes;
        limits.MaxRequestLineSize = WorkerHostLimits.KestrelHeaderAndLineLimit;
        limits.MaxRequestHeadersTotalSize = WorkerHostLimits.KestrelHeaderAndLineLimit;
        limits.MaxRequestHeaderCount = MaxHeaderCount * 10;
    }
}
