using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Log events of the turn recovery layers (ids 2100-2119): stranded approvals and lost agents. No message text, no secrets.</summary>
internal static partial class RecoveryLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Agent {AgentId} of conversation {ConversationId} waited on {Count} stranded tool call(s); answering them with an error and sending the turn again.")]
    public static partial void AnsweringStrandedApproval(this ILogger logger, string conversationId, string agentId, int count);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "A turn of conversation {ConversationId} ended with {Count} client tool call(s) of agent {AgentId} unanswered; answering them before the turn is released.")]
    public static partial void AnsweringAbandonedCalls(this ILogger logger, string conversationId, string agentId, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Could not answer the abandoned tool calls of agent {AgentId}; the next turn recovers them.")]
    public static partial void AbandonedCallsNotAnswered(this ILogger logger, string agentId, Exception exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Letta confirmed agent {LostAgentId} of conversation {ConversationId} is gone; the turn continues on agent {AgentId}.")]
    public static partial void LostAgentReplaced(this ILogger logger, string conversationId, string lostAgentId, string agentId);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Letta answered 404 for agent {AgentId} of conversation {ConversationId}, but the agent could not be confirmed gone ({Reason}); it is kept.")]
    public static partial void LostAgentNotConfirmed(this ILogger logger, string conversationId, string agentId, string reason);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Letta's lock refused a turn of conversation {ConversationId} while run {RunId} holds it; waiting for the run to end, then sending once more.")]
    public static partial void WaitingForBusyConversation(this ILogger logger, string conversationId, string runId);
}
