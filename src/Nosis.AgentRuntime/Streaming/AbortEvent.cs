namespace Nosis.AgentRuntime.Streaming;

/// <summary>The server ended the reply early (step limit, upstream cancelled, shutdown); no event follows.</summary>
/// <param name="Reason">A short reason safe to show the end user, when there is one.</param>
public sealed record AbortEvent(string? Reason = null) : AgentChatEvent;
