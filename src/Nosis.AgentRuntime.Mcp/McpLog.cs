using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Log events of the MCP tool loader (ids 7000–7099). No event carries a URL, header, environment value or argument.</summary>
internal static partial class McpLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Debug, Message = "MCP server {ServerName} ({Transport}) started for conversation {ConversationId} with {ToolCount} tools.")]
    public static partial void ServerStarted(this ILogger logger, string serverName, string transport, string conversationId, int toolCount);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "MCP server {ServerName} ({Transport}) was skipped for conversation {ConversationId}: it could not be started or listed ({ErrorType}).")]
    public static partial void ServerFailed(this ILogger logger, string serverName, string transport, string conversationId, string errorType);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "MCP server {ServerName} is not used by office {OfficeId}.")]
    public static partial void ServerNotUsed(this ILogger logger, string serverName, string officeId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "MCP tool {ToolName} of server {ServerName} did not answer within {Timeout}.")]
    public static partial void ToolCallTimedOut(this ILogger logger, string serverName, string toolName, TimeSpan timeout);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Closing MCP server {ServerName} failed ({ErrorType}).")]
    public static partial void ServerCloseFailed(this ILogger logger, string serverName, string errorType);
}
