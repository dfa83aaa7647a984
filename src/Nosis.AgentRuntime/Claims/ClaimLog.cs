using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Claims;

/// <summary>Log events of the agent claim and the orphan sweeper (event ids 1000-1999).</summary>
internal static partial class ClaimLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Creating a Letta agent for conversation {ConversationId}.")]
    public static partial void Creating(this ILogger logger, string conversationId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Conversation {ConversationId} claimed agent {AgentId}.")]
    public static partial void ClaimWon(this ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Conversation {ConversationId} was claimed by {WinnerId} first; agent {AgentId} is an orphan and will be deleted.")]
    public static partial void ClaimLost(this ILogger logger, string conversationId, string agentId, string winnerId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Creating the agent of conversation {ConversationId} failed ({Reason}); attempt {Attempt} retries in {Delay}.")]
    public static partial void CreateRetrying(this ILogger logger, string conversationId, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Adopted agent {AgentId} of conversation {ConversationId}, created by a call whose response was lost.")]
    public static partial void Adopted(this ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Agent {AgentId} of conversation {ConversationId} will be deleted: {Reason}.")]
    public static partial void DeletionScheduled(this ILogger logger, string conversationId, string agentId, string reason);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Deleting agent {AgentId} of conversation {ConversationId} failed.")]
    public static partial void DeletionFailed(this ILogger logger, string conversationId, string agentId, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Orphan sweep skipped agent {AgentId}: the registry could not confirm conversation {ConversationId}.")]
    public static partial void SweepUnverifiable(this ILogger logger, string agentId, string conversationId, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Orphan sweep examined {Examined} agents and deleted {Deleted}.")]
    public static partial void SweepFinished(this ILogger logger, int examined, int deleted);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Kept agent {AgentId}: conversation {ConversationId} points at it after all, or the registry could not confirm that it does not.")]
    public static partial void DeletionSkippedClaimed(this ILogger logger, string conversationId, string agentId);
}
