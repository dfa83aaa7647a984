using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Letta;

/// <summary>Log events of the Letta client (event ids 4000-4999). Never the API key, never message text above Trace.</summary>
internal static partial class LettaClientLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Debug, Message = "Letta {Operation} answered {StatusCode}.")]
    public static partial void RequestFailed(this ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Letta {Operation} got no answer within {Timeout}.")]
    public static partial void RequestTimedOut(this ILogger logger, string operation, TimeSpan timeout);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Letta {Operation} could not reach the server.")]
    public static partial void RequestUnreachable(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Letta refused {Operation} during a deploy without admitting it; sending it again in {Delay} (attempt {Attempt}).")]
    public static partial void DeployRetry(this ILogger logger, string operation, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "Reply stream opened for agent {AgentId}.")]
    public static partial void StreamOpened(this ILogger logger, string agentId);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Debug, Message = "Reply stream for agent {AgentId} ended after {FrameCount} frames ({Ending}).")]
    public static partial void StreamEnded(this ILogger logger, string agentId, int frameCount, string ending);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Reply stream for agent {AgentId} carried a frame that is not JSON at index {FrameIndex}.")]
    public static partial void StreamFrameMalformed(this ILogger logger, string agentId, int frameIndex);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug, Message = "Reply stream for agent {AgentId} carried unknown message type {MessageType}; skipped by consumers.")]
    public static partial void StreamUnknownMessageType(this ILogger logger, string agentId, string messageType);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Warning, Message = "Reply stream for agent {AgentId} was silent for {IdleTimeout}; abandoned.")]
    public static partial void StreamIdle(this ILogger logger, string agentId, TimeSpan idleTimeout);
}
