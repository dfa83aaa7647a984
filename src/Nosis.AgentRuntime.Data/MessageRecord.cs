using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data;

/// <summary>A stored message of a conversation.</summary>
/// <param name="Id">The message id.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Role">Who wrote it.</param>
/// <param name="Content">The text, unchanged.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record MessageRecord(string Id, string ConversationId, MessageRole Role, string Content, DateTimeOffset CreatedAt)
{
    /// <summary>Gets the author of a user message.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the model of an assistant message, when known.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the prompt tokens of an assistant message, when known.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the completion tokens of an assistant message, when known.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the reasoning tokens of an assistant message, when reported.</summary>
    public long? ReasoningTokens { get; init; }

    /// <summary>Gets the input tokens of an assistant message served from a cache, when reported.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets how many agent steps an assistant message took, when reported.</summary>
    public int? StepCount { get; init; }

    /// <summary>Gets the input tokens of an assistant message written to a cache, when reported.</summary>
    public long? CacheWriteTokens { get; init; }

    /// <summary>Gets Letta's estimate of the context-window tokens at the end of an assistant message, when reported.</summary>
    public long? ContextTokens { get; init; }

    /// <summary>Gets the tool calls of an assistant message, with their results.</summary>
    public IReadOnlyList<AssistantToolCall> ToolCalls { get; init => field = value ?? []; } = [];

    /// <summary>Gets how an assistant reply ended; <see langword="null"/> for user messages.</summary>
    public ReplyCompletion? Completion { get; init; }

    /// <summary>Gets a value indicating whether the text was cut to the runtime's persistence cap.</summary>
    public bool IsTruncated { get; init; }

    /// <summary>Gets the Letta agent that replied, when known.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the Letta run id of the reply, when known.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the message's ordered parts; <see langword="null"/> for rows stored without them (before schema version 6, or saved as plain text).</summary>
    public IReadOnlyList<MessagePart>? Parts { get; init; }
}
