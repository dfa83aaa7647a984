using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The persistence layer: announces the reply, records its text and usage, turns failures into one error event, and ends the reply exactly once.</summary>
/// <remarks>
/// However the inner layers end (finished, failed, or abandoned by the consumer), the reply is handed to
/// <see cref="ReplyCompleter"/> once, before this layer's stream ends, and <see cref="ChatTurnContext.Outcome"/> is set.
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
            await _completer.CompleteAsync(turn, reply, end).ConfigureAwait(false);
        }
    }

    /// <summary>Moves to the next inner event; returns <see langword="null"/> when there is one, else how the stream ended.</summary>
    private static async ValueTask<TurnEnd?> NextAsync(IAsyncEnumerator<AgentChatEvent> events, ChatTurnContext turn, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false) ? null : TurnEnd.EndOfStream;
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
