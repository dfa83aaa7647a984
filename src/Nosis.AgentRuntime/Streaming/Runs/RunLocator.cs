namespace Nosis.AgentRuntime.Streaming;

/// <summary>How to find the run of a background send whose run id was not seen: its agent and send time, and its conversation and otid.</summary>
/// <param name="AgentId">The agent the send went to.</param>
/// <param name="SentAt">When it was sent.</param>
internal sealed record RunLocator(string AgentId, DateTimeOffset SentAt)
{
    /// <summary>Gets the Letta conversation of the send; <see langword="null"/> for the agent's own (<c>default</c>) one.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Gets the otid of the send's user message, by which Letta finds its run.</summary>
    public string? Otid { get; init; }

    /// <summary>Gets whether the send went through a conversation route, whose stream finds the run.</summary>
    public bool ThroughConversation { get; init; }
}
