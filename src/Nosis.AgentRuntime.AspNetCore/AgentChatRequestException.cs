namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>A chat request that cannot be served as sent: its status (400, 413, 415) and a message safe to show the caller.</summary>
public sealed class AgentChatRequestException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="statusCode">The HTTP status to answer.</param>
    /// <param name="message">What is wrong, in words the caller can act on; it never echoes unbounded input.</param>
    public AgentChatRequestException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Gets the HTTP status to answer.</summary>
    public int StatusCode { get; }
}
