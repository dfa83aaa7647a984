using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Log events of the ASP.NET Core package (event ids 7000–7099).</summary>
internal static partial class AspNetCoreLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "A reply stream failed after it started ({ErrorType}); it ended with an error chunk.")]
    public static partial void StreamFailedAfterStart(this ILogger logger, string errorType);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "A chat request was refused with {StatusCode}: {Reason}")]
    public static partial void ChatRefused(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Regenerating: removed {Count} stored repl(ies) of conversation {ConversationId}.")]
    public static partial void RepliesRemoved(this ILogger logger, int count, string conversationId);
}
