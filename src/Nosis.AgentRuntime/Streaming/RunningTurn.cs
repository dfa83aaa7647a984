using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>A started turn: runs the turn pipeline into a bounded buffer that the <see cref="AgentChatStream"/> reads, and frees the conversation when it ends.</summary>
internal sealed class RunningTurn
{
    /// <summary>The events written before StartAsync returns (turn start, step start, and an error when Letta fails first); they must fit unread.</summary>
    private const int EventsBeforeFirstFrame = 3;

    private readonly IChatTurnClient _pipeline;
    private readonly ChatTurnContext _context;
    private readonly ConversationTurn _turn;
    private readonly CancellationTokenSource _abort;
    private readonly TurnEventBuffer _events;
    private readonly TaskCompletionSource<ReplyCompletion> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReplyDisconnectPolicy _policy;
    private Task _producer = Task.CompletedTask;
    private volatile bool _detached;

    public RunningTurn(
        IChatTurnClient pipeline, AgentChatRequest request, LettaTarget target, ToolSet tools, ConversationTurn turn, long started, int bufferCapacity,
        ReplyDisconnectPolicy policy = ReplyDisconnectPolicy.Abort, CancellationToken hostStopping = default)
    {
        _pipeline = pipeline;
        _turn = turn;
        _policy = policy;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(turn.LeaseLost, hostStopping);
        _context = new ChatTurnContext(request, target, request.AssistantMessageId ?? TurnIds.NewId("msg"), tools, turn.LeaseLost, started)
        {
            HostStopping = hostStopping,
        };
        _events = new TurnEventBuffer(Math.Max(bufferCapacity, EventsBeforeFirstFrame));
    }

    public string AgentId => _context.AgentId;

    public string AssistantMessageId => _context.AssistantMessageId;

    public TurnEventBuffer Events => _events;

    public Task<ReplyCompletion> Completion => _completion.Task;

    public int PeakBufferedEvents => _events.PeakBuffered;

    /// <summary>Starts the pipeline and waits for Letta's first frame, so a busy agent is refused before the caller answers.</summary>
    public async Task<AgentChatStream> StartAsync(CancellationToken cancellationToken)
    {
        _producer = Task.Run(ProduceAsync, CancellationToken.None);
        try
        {
            await _context.FirstFrame.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAndWaitAsync().ConfigureAwait(false);
            throw;
        }

        return new AgentChatStream(this);
    }

    /// <summary>
    /// The consumer left: the turn ends, or with <see cref="ReplyDisconnectPolicy.ContinueInBackground"/> it goes on unread
    /// until its end or host shutdown (the host-stopping token is linked into the turn's abort).
    /// </summary>
    public void Abort()
    {
        if (_policy == ReplyDisconnectPolicy.ContinueInBackground)
        {
            Detach();
            return;
        }

        Cancel();
    }

    public async ValueTask AbortAndWaitAsync()
    {
        if (!_producer.IsCompleted)
        {
            Abort();
        }

        if (!_detached)
        {
            await _producer.ConfigureAwait(false);
        }
    }

    private void Detach()
    {
        if (_detached || _producer.IsCompleted)
        {
            return;
        }

        _detached = true;
        _events.Detach();
    }

    private void Cancel()
    {
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The turn has already completed.
        }
    }

    private async Task ProduceAsync()
    {
        Exception? refusal = null;
        try
        {
            // The otid is the stored user message's id: crash recovery finds the turn in Letta's history by it.
            var input = new LettaInputItem[] { LettaInputMessage.User(_context.Request.UserText) with { Otid = _context.Request.UserMessageId } };
            var events = _pipeline.StreamAsync(_context, input, _abort.Token).GetAsyncEnumerator(_abort.Token);
            try
            {
                while (true)
                {
                    var next = events.MoveNextAsync();
                    if (!next.IsCompleted)
                    {
                        _events.Publish(); // the pipeline waits for Letta: hand over what it has made so far
                    }

                    if (!await next.ConfigureAwait(false))
                    {
                        break;
                    }

                    // WriteAsync adds without waiting when there is room, so an event made after an abort (the lease-lost error) still gets through.
                    await _events.WriteAsync(events.Current, _abort.Token).ConfigureAwait(false);
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (AgentBusyException busy) when (!_context.HasLettaFrame)
        {
            refusal = busy;
        }
        catch (Exception)
        {
            // The consumer left while an event waited for room, or a host layer failed: the persistence layer has ended the
            // reply either way (stored, tools released, reported), so the stream just ends.
        }
        finally
        {
            _events.Complete();
            _context.EndFirstFrameWait(refusal);
            try
            {
                await _turn.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _abort.Dispose();
                _completion.TrySetResult(_context.Outcome?.Completion ?? ReplyCompletion.Failed);
            }
        }
    }
}
