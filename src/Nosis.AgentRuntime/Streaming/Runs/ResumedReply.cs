using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The rest of an active reply, read from its Letta background run by any instance: the same message, from a given chunk on, to the reply's end.</summary>
/// <remarks>
/// The events start with a <see cref="TurnStartEvent"/> that carries the reply's own message id, so the UI stream continues the
/// same message. Reading a reply does not store it: the instance that runs the turn does. Enumerate once.
/// </remarks>
public sealed class ResumedReply : IAsyncEnumerable<AgentChatEvent>
{
    private readonly ConversationRuntime _conversation;
    private readonly ActiveRun _run;
    private readonly long? _startingAfter;
    private readonly BackgroundRunReader _reader;
    private readonly string? _model;
    private int _enumerated;

    internal ResumedReply(ConversationRuntime conversation, ActiveRun run, long? startingAfter, BackgroundRunReader reader, string? model)
    {
        _conversation = conversation;
        _run = run;
        _startingAfter = startingAfter;
        _reader = reader;
        _model = model;
    }

    /// <summary>Gets the id of the assistant reply, as announced in the stream and stored.</summary>
    public string AssistantMessageId => _run.AssistantMessageId;

    /// <summary>Gets the Letta run the reply is read from.</summary>
    public string RunId => _run.RunId;

    /// <inheritdoc/>
    public IAsyncEnumerator<AgentChatEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A resumed reply can be enumerated only once.");
        }

        return ReadAsync(cancellationToken);
    }

    private async IAsyncEnumerator<AgentChatEvent> ReadAsync(CancellationToken cancellationToken)
    {
        var turn = new ChatTurnContext(new AgentChatRequest(_conversation, string.Empty), new LettaTarget(_run.AgentId), _run.AssistantMessageId, ToolSet.Empty, CancellationToken.None, 0);
        yield return new TurnStartEvent(_run.AssistantMessageId);
        yield return new StepStartEvent();
        var step = new LettaStepMapper(turn, _model);
        var events = new List<AgentChatEvent>(4);
        var frames = _reader.ReadRunAsync(_run, _startingAfter, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                var (more, failure) = await NextAsync(frames, step, events).ConfigureAwait(false);
                foreach (var chatEvent in events)
                {
                    yield return chatEvent;
                }

                events.Clear();
                if (failure is not null)
                {
                    yield return failure;
                    yield break;
                }

                if (!more)
                {
                    break;
                }
            }
        }
        finally
        {
            await frames.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var chatEvent in End(step))
        {
            yield return chatEvent;
        }
    }

    /// <summary>Maps the next frame; a failure becomes the reply's error event (with the text the persisting layer would send).</summary>
    private static async ValueTask<(bool More, ErrorEvent? Error)> NextAsync(IAsyncEnumerator<LettaFrame> frames, LettaStepMapper step, List<AgentChatEvent> events)
    {
        try
        {
            if (!await frames.MoveNextAsync().ConfigureAwait(false))
            {
                return (false, null);
            }

            step.Map(frames.Current, events);
            return (true, null);
        }
        catch (Exception exception) when (exception is LettaApiException or LettaStreamFailedException or LettaStreamFormatException or HttpRequestException or TimeoutException)
        {
            return (false, new ErrorEvent(TurnEnd.ReplyFailedText, TurnEnd.ErrorTypeOf(exception)));
        }
    }

    /// <summary>The step's end; client tool calls are the owning instance's to answer, so the resumed stream just closes the step.</summary>
    private static List<AgentChatEvent> End(LettaStepMapper step)
    {
        var events = new List<AgentChatEvent>(2);
        try
        {
            step.End(events);
        }
        catch (LettaStreamIncompleteException exception)
        {
            return [new ErrorEvent(TurnEnd.ReplyFailedText, TurnEnd.ErrorTypeOf(exception))];
        }

        if (events.RemoveAll(e => e is PendingClientToolsEvent) > 0)
        {
            events.Add(new StepFinishEvent());
        }

        return events;
    }
}
