using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The stored spellings of message roles and reply completions.</summary>
internal static class MessageColumns
{
    public static string ToRoleName(MessageRole role) => role switch
    {
        MessageRole.User => "user",
        MessageRole.Assistant => "assistant",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a defined message role."),
    };

    public static MessageRole ParseRole(string value) => value switch
    {
        "user" => MessageRole.User,
        "assistant" => MessageRole.Assistant,
        _ => throw new InvalidOperationException("A stored message has an unknown role."),
    };

    public static string ToCompletionName(ReplyCompletion completion) => completion switch
    {
        ReplyCompletion.Completed => "completed",
        ReplyCompletion.Aborted => "aborted",
        ReplyCompletion.Failed => "failed",
        ReplyCompletion.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(completion), completion, "Not a defined reply completion."),
    };

    public static ReplyCompletion ParseCompletion(string value) => value switch
    {
        "completed" => ReplyCompletion.Completed,
        "aborted" => ReplyCompletion.Aborted,
        "failed" => ReplyCompletion.Failed,
        "stopped" => ReplyCompletion.Stopped,
        _ => throw new InvalidOperationException("A stored message has an unknown completion."),
    };
}
