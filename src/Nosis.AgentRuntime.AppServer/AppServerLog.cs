using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Log events of the App Server backend (event ids 9000-9099). Never the token, never message text above Trace.</summary>
internal static partial class AppServerLog
{
    [LoggerMessage(EventId = 9000, Level = LogLevel.Information, Message = "Connected to the Letta App Server at {Address} (connection {Generation}).")]
    public static partial void Connected(this ILogger logger, string address, long generation);

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "{Reason}")]
    public static partial void ConnectFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Letta App Server connection {Generation} ended: {Reason}")]
    public static partial void Disconnected(this ILogger logger, long generation, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "The Letta App Server sent a frame of {Length} bytes that is not JSON; skipped.")]
    public static partial void FrameMalformed(this ILogger logger, int length);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Trace, Message = "A Letta App Server frame of type {Type} has no listener; skipped.")]
    public static partial void FrameUnrouted(this ILogger logger, string type);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Information, Message = "Server tool {ToolName} asked for in conversation {ConversationId} of agent {AgentId}: {Decision}.")]
    public static partial void ServerToolDecided(this ILogger logger, string toolName, string conversationId, string agentId, string decision);

    [LoggerMessage(EventId = 9012, Level = LogLevel.Warning, Message = "The App Server queued a turn in conversation {ConversationId} of agent {AgentId} behind another one still running there; it is read once that one ends.")]
    public static partial void TurnQueued(this ILogger logger, string conversationId, string agentId);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Debug, Message = "Turn in conversation {ConversationId} of agent {AgentId} aborted on the App Server.")]
    public static partial void TurnAborted(this ILogger logger, string conversationId, string agentId);
}
