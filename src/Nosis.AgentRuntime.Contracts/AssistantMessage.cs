namespace Nosis.AgentRuntime.Contracts;

/// <summary>An assistant reply, as the runtime asks a store to keep it once the reply has ended.</summary>
/// <param name="MessageId">A unique id, the same the UI stream announced; saving the same id twice must keep one message.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Text">The reply text: whole when completed, what had streamed so far when aborted or failed.</param>
/// <param name="Model">The model that produced it, when known.</param>
/// <param name="Usage">Token usage, when Letta reported it.</param>
/// <param name="Completion">How the reply ended.</param>
/// <param name="CreatedAt">When the reply ended.</param>
public sealed record AssistantMessage(
    string MessageId,
    string ConversationId,
    string Text,
    string? Model,
    TokenUsage? Usage,
    ReplyCompletion Completion,
    DateTimeOffset CreatedAt)
{
    /// <summary>Gets a value indicating whether <see cref="Text"/> was cut to the runtime's persistence cap (and ends with its marker).</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Gets the Letta agent that replied, when known.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the Letta run id of the reply, when known.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the tool calls of the reply, server-side and client-side, each with its result when it returned.</summary>
    public IReadOnlyList<AssistantToolCall> ToolCalls { get; init => field = value ?? []; } = [];

    /// <summary>Gets the reply's parts in the order they streamed (text, reasoning, tool calls and their results); <see langword="null"/> when only the text is known.</summary>
    /// <remarks>The text parts together hold <see cref="Text"/>; a store that keeps no parts reads the reply back as one text part.</remarks>
    public IReadOnlyList<MessagePart>? Parts { get; init; }
}
