namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>The body of every error response: <c>{ "error": "…" }</c>.</summary>
internal sealed record ApiError(string Error)
{
    public static IResult BadRequest(string message) => Results.Json(new ApiError(message), statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string what) => Results.Json(new ApiError($"{what} not found."), statusCode: StatusCodes.Status404NotFound);

    public static IResult Status(int statusCode, string message) => Results.Json(new ApiError(message), statusCode: statusCode);
}
