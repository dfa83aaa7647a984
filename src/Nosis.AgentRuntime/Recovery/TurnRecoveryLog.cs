using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>Log events of crash recovery from Letta's history (ids 2120-2139). No message text, no secrets.</summary>
internal static partial class TurnRecoveryLog
{
    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Turn {MessageId} of conversation {ConversationId} had no stored reply; Letta's completed reply ({TextLength} characters) is stored.")]
    public static partial void StoredLettaReply(this ILogger logger, string conversationId, string messageId, int textLength);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Information, Message = "Turn {MessageId} of conversation {ConversationId} had no stored reply and Letta has none ({Reason}); the turn is marked failed.")]
    public static partial void MarkedFailed(this ILogger logger, string conversationId, string messageId, string reason);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "Recovering the unanswered turn of conversation {ConversationId} failed ({ErrorType}); the next turn or reconciler run tries again.")]
    public static partial void RecoveryFailed(this ILogger logger, string conversationId, string errorType);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Debug, Message = "Conversation {ConversationId} is busy; its unanswered turn is left to the turn that holds it.")]
    public static partial void ReconcileSkippedBusy(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 2124, Level = LogLevel.Warning, Message = "A turn reconciler run failed ({ErrorType}); the next one runs on schedule.")]
    public static partial void ReconcileRunFailed(this ILogger logger, string errorType);
}
