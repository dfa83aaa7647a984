using Nosis.AgentRuntime.Samples.WorkerHost.Api;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Gives every bodiless 4xx and 5xx the framework answers itself (unknown route, wrong method, …) the <c>{ "error": "…" }</c> body.</summary>
internal static class JsonStatusCodePages
{
    public static IApplicationBuilder UseJsonStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => ApiError.Status(context.HttpContext.Response.StatusCode, MessageFor(context.HttpContext))
            .ExecuteAsync(context.HttpContext));

    private static string MessageFor(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => "No such route.",
        StatusCodes.Status405MethodNotAllowed => $"The method {Sanitized(context.Request.Method)} is not allowed on this route.",
        StatusCodes.Status408RequestTimeout => "The request took too long to arrive.",
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the limit of {WorkerHostLimits.MaxRequestBodyBytes} bytes.",
        StatusCodes.Status414UriTooLong => $"The request target is longer than {WorkerHostLimits.MaxRequestTargetLength} characters.",
        StatusCodes.Status415UnsupportedMediaType => "The request's content type is not supported here.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => $"The request headers are larger than {WorkerHostLimits.MaxRequestHeaderBytes} bytes.",
        >= 500 => "The server could not answer the request.",
        _ => "The request was refused.",
    };

    private static string Sanitized(string method) =>
        method.Length <= 16 && method.All(char.IsAsciiLetter) ? method : "used";
}
