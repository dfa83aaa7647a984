using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Log events of the chat streaming service (ids 2000-2099). Payloads never hold message text or secrets.</summary>
internal static partial class StreamingLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Turn of conversation {ConversationId} started on agent {AgentId}.")]
    public static partial void TurnStarted(this ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Turn of conversation {ConversationId} ended: {Completion}, stop reason {StopReason}, {TextLength} characters.")]
    public static partial void TurnEnded(this ILogger logger, string conversationId, string completion, string? stopReason, long textLength);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Turn of conversation {ConversationId} failed upstream: {ErrorType}.")]
    public static partial void TurnFailed(this ILogger logger, string conversationId, string errorType, Exception? exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Client tool {ToolName} ran for conversation {ConversationId} (error: {IsError}).")]
    public static partial void ToolRan(this ILogger logger, string toolName, string conversationId, bool isError);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Turn of conversation {ConversationId} reached its limit of {Limit} tool steps.")]
    public static partial void ToolStepLimitReached(this ILogger logger, string conversationId, int limit);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "The background scheduler refused the reply of conversation {ConversationId}; saving it inline.")]
    public static partial void SavingInline(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Storing the reply of conversation {ConversationId} failed ({ErrorType}); attempt {Attempt} retries in {Delay}.")]
    public static partial void ReplySaveRetrying(this ILogger logger, string conversationId, string errorType, int attempt, TimeSpan delay);
}
