using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The persistence layer: announces the reply, records its text and usage, turns failures into one error event, and ends the reply exactly once.</summary>
/// <remarks>
/// However the inner layers end (finished, failed, or abandoned by the consumer), the reply is handed to
/// <see cref="ReplyCompleter"/> once, before this layer's stream ends, and <see cref="ChatTurnContext.Outcome"/> is set.
/// A finished reply is stored before the stream ends, so the consumer's <c>finish</c> always follows a stored reply; one
/// that cannot be stored ends with a <c>store_failed</c> error event instead, and is saved as failed in the background.
/// A turn refused before Letta's first frame (Letta answered 409) ends by throwing its <see cref="AgentBusyException"/>.
/// </remarks>
internal sealed class PersistingTurnClient : DelegatingChatTurnClient
{
    private readonly ReplyCompleter _completer;
    private readonly int _maxTextLength;

    public PersistingTurnClient(IChatTurnClient innerClient, ReplyCompleter completer, AgentRuntimeOptions options)
        : base(innerClient)
    {
        _completer = completer;
        _maxTextLength = options.MaxPersistedTextLength;
    }

    public override async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = new ReplyRecorder(_maxTextLength);
        TurnEnd? end = null;
        var stored = false;
        try
        {
            yield return new TurnStartEvent(turn.AssistantMessageId);
            var events = InnerClient.StreamAsync(turn, input, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (end is null)
                {
                    end = await NextAsync(events, turn, cancellationToken).ConfigureAwait(false);
                    if (end is null)
                    {
                        reply.Observe(events.Current);
                        yield return events.Current;
                    }
                }
            }
            finally
            {
                end = await DisposeAsync(events, turn, cancellationToken).ConfigureAwait(false) ?? end;
            }

            end = end is null || ReferenceEquals(end, TurnEnd.EndOfStream) ? TurnEnd.Finished(reply.StopReason) : end;
            if (end is { Completion: ReplyCompletion.Completed, Error: null })
            {
                // The finish means stored: the consumer writes finish only after this stream ends, so store first.
                var storeFailure = await _completer.StoreFinishedAsync(turn, reply).ConfigureAwait(false);
                stored = storeFailure is null;
                end = stored ? end : TurnEnd.NotStored(storeFailure!);
            }

            if (end.Error is { } error)
            {
                yield return error;
            }

            if (end is { RefusesStart: true, Failure: { } refusal })
            {
                throw refusal;
            }
        }
        finally
        {
            end ??= TurnEnd.Abandoned(turn);
            turn.Outcome = new TurnOutcome(end.Completion, end.Failure, reply.StopReason, reply.TextLength);
            await _completer.CompleteAsync(turn, reply, end, stored).ConfigureAwait(false);
        }
    }

    /// <summary>Moves to the next inner event; returns <see langword="null"/> when there is one, else how the stream ended.</summary>
    /// <remarks>An event the inner layers had ready is taken without an await.</remarks>
    private static ValueTask<TurnEnd?> NextAsync(IAsyncEnumerator<AgentChatEvent> events, ChatTurnContext turn, CancellationToken cancellationToken)
    {
        ValueTask<bool> next;
        try
        {
            next = events.MoveNextAsync();
        }
        catch (Exception exception)
        {
            next = ValueTask.FromException<bool>(exception);
        }

        return next.IsCompletedSuccessfully
            ? ValueTask.FromResult(next.Result ? null : TurnEnd.EndOfStream)
            : WaitAsync(next, turn, cancellationToken);
    }

    private static async ValueTask<TurnEnd?> WaitAsync(ValueTask<bool> next, ChatTurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            return await next.ConfigureAwait(false) ? null : TurnEnd.EndOfStream;
        }
        catch (Exception exception)
        {
            return TurnEnd.Of(exception, turn, cancellationToken.IsCancellationRequested);
        }
    }

    /// <summary>Disposes the inner stream; a failure while it cleans up is classified like one while it streams.</summary>
    private static async ValueTask<TurnEnd?> DisposeAsync(IAsyncEnumerator<AgentChatEvent> events, ChatTurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            await events.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return TurnEnd.Of(exception, turn, cancellationToken.IsCancellationRequested);
        }
    }
}
