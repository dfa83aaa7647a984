using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Reads a JSON request body, turning every failure into the response to send: 400 naming the field, 413 when too large.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength == 0)
        {
            return (null, ApiError.BadRequest("The request needs a JSON body."));
        }

        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiError.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "The request body must be JSON: send 'Content-Type: application/json'."));
        }

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, context.RequestAborted);
            return value is null ? (null, ApiError.BadRequest("The request body must be a JSON object, not null.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var field = FieldName(exception.Path);
            return (null, ApiError.BadRequest(field is null
                ? "The request body is not valid JSON."
                : $"The field '{field}' has a value of the wrong type (or the JSON is malformed there)."));
        }
        catch (InvalidOperationException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // System.Text.Json refuses unpaired surrogate escapes ("\ud800") this way rather than with a JsonException.
            return (null, ApiError.BadRequest("The request body holds text that is not valid Unicode (an unpaired surrogate)."));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(context));
        }
    }

    public static IResult TooLarge(HttpContext context) => ApiError.Status(
        StatusCodes.Status413PayloadTooLarge,
        $"The request body is larger than the limit of {WorkerHostLimits.MaxRequestBodyBytes} bytes.");

    /// <summary>Turns a JSON path such as <c>$.messages[0].parts</c> into the field name <c>messages[0].parts</c>.</summary>
    private static string? FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
