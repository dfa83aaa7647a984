using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>An error answer useChat can show: problem details (<c>application/problem+json</c>) that also carry the message as <c>error</c>.</summary>
/// <remarks>The body is <c>{"type":…,"title":…,"status":…,"detail":"…","error":"…"}</c>: valid RFC 9457 problem details, and the <c>{"error": "…"}</c> shape front ends read.</remarks>
public sealed class AgentChatProblemHttpResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>The content type of the body.</summary>
    public const string ProblemContentType = "application/problem+json";

    internal AgentChatProblemHttpResult(int statusCode, string message)
    {
        StatusCode = statusCode;
        Message = message;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the message shown to the caller.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc/>
    public string ContentType => ProblemContentType;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ProblemContentType;
        var json = new Utf8JsonWriter(response.Body);
        await using (json.ConfigureAwait(false))
        {
            json.WriteStartObject();
            json.WriteString("type", $"https://tools.ietf.org/html/rfc9110#section-15.{(StatusCode < 500 ? 5 : 6)}.{StatusCode % 100 + 1}");
            json.WriteString("title", ReasonPhrases.GetReasonPhrase(StatusCode));
            json.WriteNumber("status", StatusCode);
            json.WriteString("detail", Message);
            json.WriteString("error", Message);
            json.WriteEndObject();
            await json.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
