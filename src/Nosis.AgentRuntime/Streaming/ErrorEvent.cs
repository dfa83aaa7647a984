namespace Nosis.AgentRuntime.Streaming;

/// <summary>The reply failed; no event follows.</summary>
/// <param name="Message">Text safe to show the end user: redacted, without upstream details or secrets. The UI stream sends it as is.</param>
/// <param name="ErrorType">A short machine-readable kind (Letta's <c>error_type</c>, or the runtime's own), when known.</param>
public sealed record ErrorEvent(string Message, string? ErrorType = null) : AgentChatEvent;
