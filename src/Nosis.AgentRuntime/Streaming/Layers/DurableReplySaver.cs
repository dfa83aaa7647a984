using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Saves a finished reply inline, before its <c>finish</c> chunk is written, retrying store failures with bounded backoff.</summary>
/// <remarks>
/// Retries every failure but bad input (<see cref="ArgumentException"/>): the store is the host's, so this layer cannot tell
/// a transient failure from a lasting one, and the retries are bounded by <see cref="AgentRuntimeOptions.ReplySaveTimeout"/>.
/// Saves are idempotent by message id (the store contract), so a retry after a save that did land stores nothing twice.
/// When the host starts stopping the backoff ends and one last attempt is made.
/// </remarks>
internal sealed class DurableReplySaver
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private readonly IMessageStore _messages;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private readonly ILogger _logger;

    public DurableReplySaver(IMessageStore messages, AgentRuntimeOptions options, TimeProvider time, CancellationToken stopping, ILogger logger)
    {
        _messages = messages;
        _timeout = options.ReplySaveTimeout;
        _time = time;
        _stopping = stopping;
        _logger = logger;
    }

    /// <summary>Saves <paramref name="message"/>; returns the last failure when every attempt failed, <see langword="null"/> once stored.</summary>
    public async Task<Exception?> SaveAsync(AssistantMessage message)
    {
        var started = _time.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Each attempt is bounded by what is left of the budget, so a hung store cannot hold the reply forever.
                using var attemptTimeout = new CancellationTokenSource(Remaining(started, minimum: FirstDelay), _time);
                await _messages.SaveAssistantMessageAsync(message, attemptTimeout.Token).ConfigureAwait(false);
                return null;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var remaining = Remaining(started, minimum: TimeSpan.Zero);
                if (exception is ArgumentException || remaining <= TimeSpan.Zero || _stopping.IsCancellationRequested)
                {
                    return exception;
                }

                var wait = delay < remaining ? delay : remaining;
                _logger.ReplySaveRetrying(message.ConversationId, exception.GetType().Name, attempt, wait);
                try
                {
                    await Task.Delay(wait, _time, _stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The host is stopping: go straight to one last attempt.
                }

                delay = delay * 2 < MaxDelay ? delay * 2 : MaxDelay;
            }
        }
    }

    private TimeSpan Remaining(long started, TimeSpan minimum)
    {
        var remaining = _timeout - _time.GetElapsedTime(started);
        return remaining > minimum ? remaining : minimum;
    }
}
