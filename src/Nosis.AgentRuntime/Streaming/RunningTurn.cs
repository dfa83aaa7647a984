using System.Threading.Channels;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>A started turn: runs the turn pipeline into a bounded channel that the <see cref="AgentChatStream"/> reads, and frees the conversation when it ends.</summary>
internal sealed class RunningTurn
{
    /// <summary>The events written before StartAsync returns (turn start, step start, and an error when Letta fails first); they must fit unread.</summary>
    private const int EventsBeforeFirstFrame = 3;

    private readonly IChatTurnClient _pipeline;
    private readonly ChatTurnContext _context;
    private readonly ConversationTurn _turn;
    private readonly CancellationTokenSource _abort;
    private readonly Channel<AgentChatEvent> _events;
    private readonly TaskCompletionSource<ReplyCompletion> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReplyDisconnectPolicy _policy;
    private readonly CancellationToken _stopping;
    private Task _producer = Task.CompletedTask;
    private int _peakBuffered;
    private volatile bool _detached;

    public RunningTurn(
        IChatTurnClient pipeline, AgentChatRequest request, LettaTarget target, ToolSet tools, ConversationTurn turn, long started, int bufferCapacity,
        ReplyDisconnectPolicy policy = ReplyDisconnectPolicy.Abort, CancellationToken stopping = default)
    {
        _pipeline = pipeline;
        _turn = turn;
        _policy = policy;
        _stopping = stopping;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(turn.LeaseLost);
        _context = new ChatTurnContext(request, target, request.AssistantMessageId ?? TurnIds.NewId("msg"), tools, turn.LeaseLost, started);
        _events = Channel.CreateBounded<AgentChatEvent>(new BoundedChannelOptions(Math.Max(bufferCapacity, EventsBeforeFirstFrame))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string AgentId => _context.AgentId;

    public string AssistantMessageId => _context.AssistantMessageId;

    public ChannelReader<AgentChatEvent> Events => _events.Reader;

    public Task<ReplyCompletion> Completion => _completion.Task;

    public int PeakBufferedEvents => Volatile.Read(ref _peakBuffered);

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

    /// <summary>The consumer left: the turn ends, or with <see cref="ReplyDisconnectPolicy.ContinueInBackground"/> it goes on unread until its end or host shutdown.</summary>
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
        _events.Writer.TryComplete();
        _stopping.Register(static run => ((RunningTurn)run!).Cancel(), this);
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
            var input = new LettaInputItem[] { LettaInputMessage.User(_context.Request.UserText) };
            await foreach (var chatEvent in _pipeline.StreamAsync(_context, input, _abort.Token).ConfigureAwait(false))
            {
                await EmitAsync(chatEvent).ConfigureAwait(false);
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
            _events.Writer.TryComplete();
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

    private async ValueTask EmitAsync(AgentChatEvent chatEvent)
    {
        if (_detached)
        {
            return; // nobody reads any more; the reply is still recorded by the persistence layer
        }

        // TryWrite first: it never waits, so an event written after an abort (the lease-lost error) still gets through when there is room.
        if (!_events.Writer.TryWrite(chatEvent))
        {
            try
            {
                await _events.Writer.WriteAsync(chatEvent, _abort.Token).ConfigureAwait(false);
            }
            catch (ChannelClosedException) when (_detached)
            {
                return;
            }
        }

        var buffered = _events.Reader.Count;
        if (buffered > _peakBuffered)
        {
            Volatile.Write(ref _peakBuffered, buffered);
        }
    }
}
