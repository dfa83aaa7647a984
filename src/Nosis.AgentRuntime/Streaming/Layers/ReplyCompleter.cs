using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Recovery;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Ends a turn's reply exactly once: stores it (a finished reply inline before its finish; an aborted or failed one in the background, or inline when the scheduler refuses), releases the tools and reports what failed.</summary>
/// <remarks>Never throws: a failing store, tool set or reporter is reported or logged, and the turn still ends.</remarks>
internal sealed class ReplyCompleter
{
    private readonly IMessageStore _messages;
    private readonly IBackgroundScheduler _scheduler;
    private readonly IErrorReporter _errors;
    private readonly SecretRedactor _redactor;
    private readonly AgentRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DurableReplySaver _saver;

    public ReplyCompleter(
        IMessageStore messages, IBackgroundScheduler scheduler, IErrorReporter errors, SecretRedactor redactor, AgentRuntimeOptions options,
        TimeProvider time, ILogger logger, CancellationToken stopping = default)
    {
        _saver = new DurableReplySaver(messages, options, time, stopping, logger);
        _messages = messages;
        _scheduler = scheduler;
        _errors = errors;
        _redactor = redactor;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Stores a finished reply now, before its finish is written; returns the failure when it still could not be stored.</summary>
    public Task<Exception?> StoreFinishedAsync(ChatTurnContext turn, ReplyRecorder reply) =>
        _saver.SaveAsync(MessageOf(turn, reply, ReplyCompletion.Completed, turn.AssistantMessageId));

    /// <summary>Ends the reply: stores it unless <paramref name="stored"/> (the finished reply already is), releases the tools, reports the failure.</summary>
    public async Task CompleteAsync(ChatTurnContext turn, ReplyRecorder reply, TurnEnd end, bool stored)
    {
        if (!stored)
        {
            // A turn refused before its reply started gets the marker every refusal gets (TurnRefusals): one copy per user message.
            var id = end.RefusesStart ? OrphanedTurnRecovery.RecoveredReplyId(turn.Request.UserMessageId!) : turn.AssistantMessageId;
            await PersistAsync(turn, reply, end.Completion, id, inlineFirst: end.Failure is not ReplyNotStoredException).ConfigureAwait(false);
        }

        await ReleaseToolsAsync(turn).ConfigureAwait(false);
        if (end.Failure is { } failure)
        {
            var errorType = TurnEnd.ErrorTypeOf(failure);
            _logger.TurnFailed(turn.Conversation.ConversationId, errorType, failure is LettaApiException ? null : failure);
            await ReportAsync(turn, "stream-reply", $"{errorType}: {failure.Message}", failure).ConfigureAwait(false);
        }
    }

    private AssistantMessage MessageOf(ChatTurnContext turn, ReplyRecorder reply, ReplyCompletion completion, string messageId) =>
        new(messageId, turn.Conversation.ConversationId, reply.Text, _options.AgentModel, reply.Usage, completion, _time.GetUtcNow())
        {
            IsTruncated = reply.IsTruncated,
            AgentId = turn.AgentId,
            RunId = turn.RunId,
            ToolCalls = [.. reply.ToolCalls],
            Parts = reply.Parts,
        };

    /// <remarks>
    /// Saved before the turn frees its conversation, with the bounded retry of a finished reply, so the next turn (whose crash
    /// recovery looks for user messages with no reply) finds it stored; a reply that still cannot be stored, or whose store
    /// just refused it as finished (<paramref name="inlineFirst"/> off), goes to the scheduler, to be saved once the store is back.
    /// </remarks>
    private async Task PersistAsync(ChatTurnContext turn, ReplyRecorder reply, ReplyCompletion completion, string messageId, bool inlineFirst)
    {
        var message = MessageOf(turn, reply, completion, messageId);
        if (inlineFirst && await _saver.SaveAsync(message).ConfigureAwait(false) is null)
        {
            return;
        }

        var messages = _messages;
        var work = new BackgroundWork("save-assistant-message", turn.ReportContext, token => messages.SaveAssistantMessageAsync(message, token));
        try
        {
            await _scheduler.ScheduleAsync(work, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The host is shutting down (InvalidOperationException) or the host's scheduler failed: save now rather than
            // lose the reply, and go on to release the tools and the turn.
            _logger.SavingInline(turn.Conversation.ConversationId);
            try
            {
                await work.ExecuteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await ReportAsync(turn, "save-assistant-message", exception.Message, exception).ConfigureAwait(false);
            }
        }
    }

    private async Task ReleaseToolsAsync(ChatTurnContext turn)
    {
        try
        {
            await turn.Tools.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await ReportAsync(turn, "release-tools", exception.Message, exception).ConfigureAwait(false);
        }
    }

    private async Task ReportAsync(ChatTurnContext turn, string operation, string message, Exception exception)
    {
        try
        {
            await _errors.ReportAsync(
                new ErrorReport(operation, _redactor.Redact(message), turn.ReportContext) { ErrorType = exception.GetType().FullName },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failing reporter must not fail the turn; the log line already recorded it.
        }
    }
}
