using System.Net;

namespace Nosis.AgentRuntime.Letta;

/// <summary>The exception thrown when Letta answers a request with an error status.</summary>
/// <remarks>The message and <see cref="ServerMessage"/> never contain the API key: it is redacted before the exception is made.</remarks>
public class LettaApiException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="statusCode">The HTTP status Letta answered.</param>
    /// <param name="operation">The request, e.g. <c>POST /v1/agents/</c>.</param>
    /// <param name="serverMessage">The server's message (<c>detail</c> or <c>error.message</c>), redacted and shortened.</param>
    /// <param name="retryAfter">The delay the server asked for with <c>Retry-After</c>, if any.</param>
    public LettaApiException(HttpStatusCode statusCode, string operation, string? serverMessage, TimeSpan? retryAfter = null)
        : base(BuildMessage(statusCode, operation, serverMessage))
    {
        StatusCode = statusCode;
        Operation = operation;
        ServerMessage = serverMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets the HTTP status Letta answered.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the request, e.g. <c>POST /v1/agents/</c>.</summary>
    public string Operation { get; }

    /// <summary>Gets the server's message, redacted and shortened; <see langword="null"/> when the body had none.</summary>
    public string? ServerMessage { get; }

    /// <summary>Gets the delay the server asked for with <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets whether the failure is transient: 408, 429 or 5xx.</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;

    private static string BuildMessage(HttpStatusCode statusCode, string operation, string? serverMessage) =>
        serverMessage is null
            ? $"Letta answered {(int)statusCode} ({statusCode}) to {operation}."
            : $"Letta answered {(int)statusCode} ({statusCode}) to {operation}: {serverMessage}";
}
