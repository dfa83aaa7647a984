using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// Reads a reply that runs in Letta's background mode: the send's own stream, then, whenever the stream breaks, the run's
/// stream again from the last sequence id (<c>POST /v1/runs/{id}/stream</c> with <c>starting_after</c>), with bounded,
/// jittered backoff whose budget starts over on progress. The input is never sent twice: a stream that dies before the run id
/// is known finds its run among the agent's runs started after the send. The run is kept in the <see cref="IActiveRunStore"/>.
/// </summary>
internal sealed class BackgroundRunReader
{
    private const int SeqIdsPerAdvance = 16;
    private static readonly TimeSpan RunClockTolerance = TimeSpan.FromSeconds(2);

    private readonly ILettaFrameSource _frames;
    private readonly ILettaRunClient _runs;
    private readonly IActiveRunStore _store;
    private readonly AgentRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BackgroundRunReader(ILettaFrameSource frames, ILettaRunClient runs, IActiveRunStore store, AgentRuntimeOptions options, TimeProvider time, ILogger logger)
    {
        _frames = frames;
        _runs = runs;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        Canceller = new RunCanceller(runs, store, time, logger);
    }

    public RunCanceller Canceller { get; }

    public IActiveRunStore Store => _store;

    /// <summary>Sends in background mode and yields the run's frames to its end; the run is cancelled at Letta when the turn is aborted before it ends.</summary>
    public async IAsyncEnumerable<LettaFrame> ReadSendAsync(ChatTurnContext turn, LettaMessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sentAt = _time.GetUtcNow();
        var cursor = new RunCursor(null, null);
        var recorder = new RunRecorder(_store, new ActiveRun(turn.Conversation.ConversationId, turn.AgentId, string.Empty, turn.AssistantMessageId, sentAt), _logger);
        var ended = false;
        await Canceller.CancelStaleAsync(turn.Conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        try
        {
            // In a shared agent scope the run belongs to the turn's Letta conversation: it is sent, locked and listed there.
            var send = turn.LettaConversationId is { } conversationId
                ? _frames.StreamConversationFramesAsync(conversationId, request with { Background = true }, cancellationToken)
                : _frames.StreamFramesAsync(turn.AgentId, request with { Background = true }, cancellationToken);
            var locator = new RunLocator(turn.AgentId, sentAt)
            {
                ConversationId = turn.LettaConversationId,
                Otid = request.Messages.OfType<LettaInputMessage>().FirstOrDefault()?.Otid,
                ThroughConversation = turn.LettaConversationId is not null || _frames.SendsThroughConversations,
            };
            await foreach (var frame in FollowAsync(send, cursor, locator, recorder, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            ended = true;
        }
        finally
        {
            if (cursor.RunId is { } runId)
            {
                if (!ended && cancellationToken.IsCancellationRequested)
                {
                    await Canceller.CancelQuietlyAsync(turn.AgentId, runId).ConfigureAwait(false);
                }

                await recorder.ClearAsync(runId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads an existing background run from after <paramref name="startingAfter"/> to its end, resuming transparently when the stream breaks.</summary>
    public IAsyncEnumerable<LettaFrame> ReadRunAsync(ActiveRun run, long? startingAfter, CancellationToken cancellationToken) =>
        FollowAsync(_frames.StreamRunFramesAsync(run.RunId, startingAfter, cancellationToken), new RunCursor(run.RunId, startingAfter), new RunLocator(run.AgentId, run.StartedAt), null, cancellationToken);

    private async IAsyncEnumerable<LettaFrame> FollowAsync(
        IAsyncEnumerable<LettaFrame> first, RunCursor cursor, RunLocator locator, RunRecorder? recorder, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = new ResumeBackoff(_options.MaxStreamResumes, _options.StreamResumeDelay);
        var source = first;
        while (true)
        {
            Exception? broken = null;
            var frames = source.GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await frames.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception exception) when ((IsResumable(exception) || NotFoundYet(exception, cursor, locator, source == first)) && !cancellationToken.IsCancellationRequested)
                    {
                        broken = exception;
                        break;
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    var frame = frames.Current;
                    if (cursor.IsRepeat(frame))
                    {
                        continue;
                    }

                    if (cursor.Observe(frame))
                    {
                        backoff.Reset();
                    }

                    if (recorder is not null)
                    {
                        await recorder.ObserveAsync(cursor, SeqIdsPerAdvance).ConfigureAwait(false);
                    }

                    yield return frame;
                }
            }
            finally
            {
                await frames.DisposeAsync().ConfigureAwait(false);
            }

            source = await ResumeAsync(broken, backoff, cursor, locator, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits out the backoff and opens the run's stream after the cursor; rethrows <paramref name="broken"/> once the budget is spent.</summary>
    /// <remarks>
    /// A send through a conversation whose run id was never seen is found through the conversation's stream
    /// (<c>POST /v1/conversations/{id}/stream</c>, by the send's otid), as Letta's current client does; otherwise among the agent's runs.
    /// </remarks>
    private async Task<IAsyncEnumerable<LettaFrame>> ResumeAsync(Exception broken, ResumeBackoff backoff, RunCursor cursor, RunLocator locator, CancellationToken cancellationToken)
    {
        var (agentId, sentAt) = (locator.AgentId, locator.SentAt);
        while (true)
        {
            var delay = backoff.NextDelay() ?? throw broken;
            RunsLog.StreamBroken(_logger, cursor.RunId ?? "(unknown)", cursor.LastSeqId ?? 0, delay, broken);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            if (cursor.RunId is null && locator.ThroughConversation)
            {
                return _frames.StreamConversationRunFramesAsync(locator.ConversationId, agentId, locator.Otid, cursor.LastSeqId, cancellationToken);
            }

            cursor.RunId ??= await FindRunAsync(agentId, sentAt, cancellationToken).ConfigureAwait(false);
            if (cursor.RunId is { } runId)
            {
                return _frames.StreamRunFramesAsync(runId, cursor.LastSeqId, cancellationToken);
            }
        }
    }

    /// <summary>The newest background run of the agent created after the send (within the clock tolerance), or none yet.</summary>
    private async Task<string?> FindRunAsync(string agentId, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        try
        {
            var runs = await _runs.ListRunsAsync(new LettaRunListQuery { AgentId = agentId, Background = true, Limit = 10 }, cancellationToken).ConfigureAwait(false);
            return runs.FirstOrDefault(r => r.CreatedAt is { } created && created >= sentAt - RunClockTolerance)?.Id;
        }
        catch (Exception exception) when (IsResumable(exception) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A conversation's stream that has no run for the send yet (404) is asked again within the same budget; the send's own 404 is not.</summary>
    private static bool NotFoundYet(Exception exception, RunCursor cursor, RunLocator locator, bool isTheSend) =>
        !isTheSend && cursor.RunId is null && locator.ThroughConversation && exception is LettaApiException { StatusCode: HttpStatusCode.NotFound };

    private static bool IsResumable(Exception exception) => exception switch
    {
        LettaApiException api => api.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };
}
