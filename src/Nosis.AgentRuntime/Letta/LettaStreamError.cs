namespace Nosis.AgentRuntime.Letta;

/// <summary>An error inside a stream (<c>event: error</c>, or an <c>error_message</c>); the stream ends after it.</summary>
/// <param name="Message">The error message.</param>
public sealed record LettaStreamError(string Message) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "error_message";

    /// <summary>Gets the error type, e.g. <c>internal_error</c> or <c>llm_timeout</c>; an open set.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the error code of the response wrapper's shape, e.g. <c>INTERNAL_SERVER_ERROR</c>.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the server's detail text, if any.</summary>
    public string? Detail { get; init; }
}
