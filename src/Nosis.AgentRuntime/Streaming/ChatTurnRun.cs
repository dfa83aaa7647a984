using System.Threading.Channels;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>One turn: reads Letta's reply into a bounded channel of events, runs client tools, and completes exactly once.</summary>
internal sealed partial class ChatTurnRun
{
    private const string ReplyFailedText = "The agent could not finish its reply. Please try again.";

    /// <summary>The events written before StartAsync returns (turn start, step start, and an error when Letta fails first); they must fit unread.</summary>
    private const int EventsBeforeFirstFrame = 3;

    private readonly ChatTurnDependencies _deps;
    private readonly ConversationRuntime _conversation;
    private readonly AgentChatRequest _request;
    private readonly ToolSet _tools;
    private readonly ConversationTurn _turn;
    private readonly long _started;
    private readonly Channel<AgentChatEvent> _events;
    private readonly CancellationTokenSource _abort;
    private readonly TaskCompletionSource _firstFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ReplyCompletion> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ReplyTextBuffer _text;
    private readonly HashSet<string> _reportedResults = new(StringComparer.Ordinal);
    private Task _producer = Task.CompletedTask;
    private int _peakBuffered;
    private bool _sawFrame;
    private bool _firstToken;
    private string? _stopReason;
    private string? _runId;
    private long _inputTokens;
    private long _outputTokens;
    private long? _reasoningTokens;
    private long? _cachedTokens;
    private int _stepCount;
    private bool _sawUsage;

    public ChatTurnRun(
        ChatTurnDependencies deps, ConversationRuntime conversation, string agentId, AgentChatRequest request, ToolSet tools,
        ConversationTurn turn, long started)
    {
        _deps = deps;
        _conversation = conversation;
        _request = request;
        _tools = tools;
        _turn = turn;
        _started = started;
        AgentId = agentId;
        AssistantMessageId = request.AssistantMessageId ?? AgentChatService.NewId("msg");
        _text = new ReplyTextBuffer(deps.Options.MaxPersistedTextLength);
        _abort = CancellationTokenSource.CreateLinkedTokenSource(turn.LeaseLost);
        _events = Channel.CreateBounded<AgentChatEvent>(new BoundedChannelOptions(Math.Max(deps.Options.StreamBufferCapacity, EventsBeforeFirstFrame))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string AgentId { get; }

    public string AssistantMessageId { get; }

    public ChannelReader<AgentChatEvent> Events => _events.Reader;

    public Task<ReplyCompletion> Completion => _completion.Task;

    public int PeakBufferedEvents => Volatile.Read(ref _peakBuffered);

    private string Context => $"conversation={_conversation.ConversationId}";

    /// <summary>Starts reading and waits for Letta's first frame, so a busy agent is refused before the caller answers.</summary>
    public async Task<AgentChatStream> StartAsync(CancellationToken cancellationToken)
    {
        _deps.Logger.TurnStarted(_conversation.ConversationId, AgentId);
        _producer = Task.Run(ProduceAsync, CancellationToken.None);
        try
        {
            await _firstFrame.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAndWaitAsync().ConfigureAwait(false);
            throw;
        }

        return new AgentChatStream(this);
    }

    public void Abort()
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

    public async ValueTask AbortAndWaitAsync()
    {
        if (!_producer.IsCompleted)
        {
            Abort();
        }

        await _producer.ConfigureAwait(false);
    }

    private async Task ProduceAsync()
    {
        var completion = ReplyCompletion.Completed;
        Exception? failure = null;
        using var activity = AgentRuntimeTelemetry.ActivitySource.StartActivity("nosis.agent_runtime.turn");
        activity?.SetTag("nosis.conversation.id", _conversation.ConversationId);
        activity?.SetTag("nosis.agent.id", AgentId);
        try
        {
            await EmitAsync(new TurnStartEvent(AssistantMessageId)).ConfigureAwait(false);
            await RunStepsAsync().ConfigureAwait(false);
            completion = OutcomeOfStopReason();
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            completion = _turn.LeaseLost.IsCancellationRequested ? ReplyCompletion.Failed : ReplyCompletion.Aborted;
            failure = _turn.LeaseLost.IsCancellationRequested ? new AgentBusyException(_conversation.ConversationId, "Another process took over the conversation's turn lease.") : null;
            if (failure is not null && _sawFrame)
            {
                // The reader is still there: tell it the reply was cut off. Best effort, as the abort token can no longer wait for room.
                _events.Writer.TryWrite(new ErrorEvent(ReplyFailedText, "busy"));
            }
        }
        catch (Exception) when (_abort.IsCancellationRequested && !_turn.LeaseLost.IsCancellationRequested)
        {
            // The consumer went away and the upstream read failed because of it (a reset rather than a cancellation).
            completion = ReplyCompletion.Aborted;
        }
        catch (LettaConflictException conflict) when (!_sawFrame)
        {
            completion = ReplyCompletion.Failed;
            failure = new AgentBusyException(_conversation.ConversationId, "The agent is busy with another request; try again shortly.", conflict);
        }
        catch (Exception exception)
        {
            completion = ReplyCompletion.Failed;
            failure = exception;
            await TryEmitAsync(new ErrorEvent(ReplyFailedText, ErrorTypeOf(exception))).ConfigureAwait(false);
        }
        finally
        {
            _events.Writer.TryComplete();
            if (failure is AgentBusyException busy && !_sawFrame)
            {
                _firstFrame.TrySetException(busy);
            }
            else
            {
                _firstFrame.TrySetResult();
            }

            activity?.SetTag("nosis.turn.completion", completion.ToString());
            await CompleteAsync(completion, failure).ConfigureAwait(false);
        }
    }

    private ReplyCompletion OutcomeOfStopReason() => _stopReason switch
    {
        null => throw new LettaStreamIncompleteException(),
        "cancelled" => ReplyCompletion.Aborted,
        _ when StopEvent.MapLettaStopReason(_stopReason) == ChatFinishReason.Error => ReplyCompletion.Failed,
        _ => ReplyCompletion.Completed,
    };

    private async ValueTask EmitAsync(AgentChatEvent chatEvent)
    {
        await _events.Writer.WriteAsync(chatEvent, _abort.Token).ConfigureAwait(false);
        var buffered = _events.Reader.Count;
        if (buffered > _peakBuffered)
        {
            Volatile.Write(ref _peakBuffered, buffered);
        }
    }

    private async ValueTask TryEmitAsync(AgentChatEvent chatEvent)
    {
        try
        {
            await EmitAsync(chatEvent).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nobody reads any more: the error is still persisted and reported.
        }
    }

    private static string ErrorTypeOf(Exception exception) => exception switch
    {
        LettaApiException api => $"letta_http_{(int)api.StatusCode}",
        LettaStreamFormatException => "letta_malformed_frame",
        LettaStreamIncompleteException => "letta_stream_incomplete",
        LettaStreamFailedException failed => failed.ErrorType,
        _ => "letta_unreachable",
    };

    private async Task CompleteAsync(ReplyCompletion completion, Exception? failure)
    {
        var elapsed = _deps.Time.GetElapsedTime(_started);
        _deps.Telemetry.StreamDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("completion", completion.ToString()));
        _deps.Logger.TurnEnded(_conversation.ConversationId, completion.ToString(), _stopReason, _text.ReceivedLength);
        try
        {
            await PersistReplyAsync(completion).ConfigureAwait(false);
            await ReleaseToolsAsync().ConfigureAwait(false);
            if (failure is not null)
            {
                var errorType = failure is AgentBusyException ? "busy" : ErrorTypeOf(failure);
                _deps.Logger.TurnFailed(_conversation.ConversationId, errorType, failure is LettaApiException ? null : failure);
                await ReportAsync("stream-reply", $"{errorType}: {failure.Message}", failure).ConfigureAwait(false);
            }
        }
        finally
        {
            await _turn.DisposeAsync().ConfigureAwait(false);
            _abort.Dispose();
            _completion.TrySetResult(completion);
        }
    }

    private async Task PersistReplyAsync(ReplyCompletion completion)
    {
        var usage = _sawUsage
            ? new TokenUsage(_inputTokens, _outputTokens) { ReasoningTokens = _reasoningTokens, CachedInputTokens = _cachedTokens, StepCount = _stepCount }
            : null;
        var reply = new AssistantMessage(
            AssistantMessageId, _conversation.ConversationId, _text.ToString(), _deps.Options.AgentModel, usage, completion,
            _deps.Time.GetUtcNow())
        {
            IsTruncated = _text.IsTruncated,
            AgentId = AgentId,
            RunId = _runId,
        };
        var messages = _deps.Messages;
        var work = new BackgroundWork("save-assistant-message", Context, token => messages.SaveAssistantMessageAsync(reply, token));
        try
        {
            await _deps.Scheduler.ScheduleAsync(work, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The host is shutting down (InvalidOperationException) or the host's scheduler failed: save now rather than
            // lose the reply, and go on to release the tools and the turn.
            _deps.Logger.SavingInline(_conversation.ConversationId);
            try
            {
                await work.ExecuteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                await ReportAsync("save-assistant-message", exception.Message, exception).ConfigureAwait(false);
            }
        }
    }

    private async Task ReleaseToolsAsync()
    {
        try
        {
            await _tools.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await ReportAsync("release-tools", exception.Message, exception).ConfigureAwait(false);
        }
    }

    private async Task ReportAsync(string operation, string message, Exception exception)
    {
        try
        {
            await _deps.Errors.ReportAsync(
                new ErrorReport(operation, _deps.Redact(message), Context) { ErrorType = exception.GetType().FullName },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failing reporter must not fail the turn; the log line above already recorded it.
        }
    }

    private void RecordFirstToken()
    {
        if (!_firstToken)
        {
            _firstToken = true;
            _deps.Telemetry.TimeToFirstToken.Record(_deps.Time.GetElapsedTime(_started).TotalSeconds);
        }
    }

    private void MarkFrame()
    {
        if (!_sawFrame)
        {
            _sawFrame = true;
            _firstFrame.TrySetResult();
        }
    }
}
