using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Turns;

/// <summary>Log events of turn serialisation (event ids 4100-4199).</summary>
internal static partial class TurnsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Turn of conversation {ConversationId} waits for an earlier turn.")]
    public static partial void TurnWaiting(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Turn of conversation {ConversationId} gave up waiting after {Timeout}.")]
    public static partial void TurnBusy(this ILogger logger, string conversationId, TimeSpan timeout);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Renewing the turn lease of conversation {ConversationId} failed; trying again at the next interval.")]
    public static partial void LeaseRenewalFailed(this ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "The turn lease of conversation {ConversationId} was lost to another owner while the turn ran.")]
    public static partial void LeaseLost(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Releasing the turn lease of conversation {ConversationId} failed; it expires on its own.")]
    public static partial void LeaseReleaseFailed(this ILogger logger, string conversationId, Exception exception);
}
