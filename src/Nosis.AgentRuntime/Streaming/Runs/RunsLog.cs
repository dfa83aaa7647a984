using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Log events of background runs: resumes, stops and the active-run store (event ids 2200–2299).</summary>
internal static partial class RunsLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "The stream of Letta run {RunId} broke after sequence id {SeqId}; reading it again in {Delay}.")]
    public static partial void StreamBroken(ILogger logger, string runId, long seqId, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Cancelling Letta run {RunId} failed.")]
    public static partial void CancelFailed(ILogger logger, string runId, Exception exception);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "The active run of conversation {ConversationId} could not be kept in the store.")]
    public static partial void StoreFailed(ILogger logger, string conversationId, Exception exception);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Stop of conversation {ConversationId} cancelled Letta run {RunId}: {Cancelled}.")]
    public static partial void Stopped(ILogger logger, string conversationId, string runId, bool cancelled);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Debug, Message = "Resuming the reply of conversation {ConversationId} from Letta run {RunId} after sequence id {SeqId}.")]
    public static partial void Resuming(ILogger logger, string conversationId, string runId, long seqId);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Warning, Message = "Conversation {ConversationId} still had Letta run {RunId} recorded from a turn whose instance is gone; cancelling it before the next send.")]
    public static partial void StaleRun(ILogger logger, string conversationId, string runId);
}
