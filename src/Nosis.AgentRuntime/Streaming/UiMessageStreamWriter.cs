using System.IO.Pipelines;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Encodes <see cref="AgentChatEvent"/>s as the AI SDK UI message stream (protocol v1): one SSE event per chunk, flushed per event.</summary>
/// <remarks>
/// <para>
/// Emits only chunk types that both <c>ai</c> 6 and <c>ai</c> 7 accept, in the SDK's own order: <c>start</c>, then per step
/// <c>start-step</c>, text, reasoning and tool chunks, <c>finish-step</c>, then <c>finish</c> and <c>data: [DONE]</c>.
/// A step opens by itself before the first content; every text and reasoning part gets a fresh id and ends before
/// <c>finish-step</c>, <c>finish</c>, <c>error</c> or <c>abort</c>. Token usage and the model travel in the
/// <c>messageMetadata</c> of <c>finish</c> (summed over every <see cref="UsageEvent"/>).
/// </para>
/// <para>
/// <see cref="ErrorEvent"/> writes <c>error</c> with the event's message, then <c>[DONE]</c>; <see cref="AbortEvent"/> writes
/// <c>abort</c>, then <c>[DONE]</c>. After that, or after <see cref="CompleteAsync"/>, further events are ignored: nothing
/// is ever written after <c>[DONE]</c>. Tool arguments that are not valid JSON become <c>tool-input-error</c> with the raw
/// text as <c>input</c>; empty arguments become <c>{}</c>.
/// </para>
/// <para>Not thread-safe: one writer serves one response, written by one caller at a time.</para>
/// </remarks>
public sealed class UiMessageStreamWriter : IAsyncDisposable
{
    private readonly UiChunkWriter _chunks;
    private readonly UiPartTracker _parts;
    private HashSet<string>? _toolCallIds;
    private ChatFinishReason? _finishReason;
    private bool _stopped;
    private TokenUsage? _usage;
    private string? _model;

    /// <summary>Initializes a writer that writes to <paramref name="output"/> and flushes it after every event.</summary>
    /// <param name="output">The response body, e.g. ASP.NET Core's <c>HttpResponse.BodyWriter</c>; the writer does not complete it.</param>
    public UiMessageStreamWriter(PipeWriter output)
        : this(output ?? throw new ArgumentNullException(nameof(output)), ownsOutput: false)
    {
    }

    /// <summary>Initializes a writer that writes to <paramref name="output"/> and flushes it after every event.</summary>
    /// <param name="output">The response body; it is left open.</param>
    public UiMessageStreamWriter(Stream output)
        : this(PipeWriter.Create(output ?? throw new ArgumentNullException(nameof(output)), new StreamPipeWriterOptions(leaveOpen: true)), ownsOutput: true)
    {
    }

    private UiMessageStreamWriter(PipeWriter output, bool ownsOutput)
    {
        _chunks = new UiChunkWriter(output, ownsOutput);
        _parts = new UiPartTracker(_chunks);
    }

    /// <summary>Gets or sets how long a flush may make no progress (the client stopped reading) before the write fails with <see cref="TimeoutException"/>.</summary>
    /// <value>The default is <see cref="UiMessageStream.DefaultWriteStallTimeout"/>; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</value>
    /// <remarks>Consumers that stop enumerating on the exception abort the turn, which saves the partial reply and frees the conversation.</remarks>
    public TimeSpan WriteStallTimeout
    {
        get => _chunks.WriteStallTimeout;
        set => _chunks.WriteStallTimeout = value;
    }

    /// <summary>Gets a value indicating whether the stream has ended (<c>[DONE]</c> written); later events are ignored.</summary>
    public bool IsCompleted => _chunks.IsDone;

    /// <summary>Writes the chunks for one event and flushes them.</summary>
    /// <param name="chatEvent">The event.</param>
    /// <param name="cancellationToken">Cancels the flush; a cancelled response is left as it is (nobody reads it any more).</param>
    /// <returns>A task that completes once the chunks are flushed.</returns>
    /// <exception cref="InvalidOperationException">A <see cref="TurnStartEvent"/> came after other content, or a <see cref="ToolResultEvent"/> names a call that was never announced.</exception>
    public ValueTask WriteAsync(AgentChatEvent chatEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        cancellationToken.ThrowIfCancellationRequested();
        if (_chunks.IsDone)
        {
            return default;
        }

        switch (chatEvent)
        {
            case TextDeltaEvent text:
                _parts.WriteDelta(UiPartKind.Text, text.PartId, text.Delta);
                break;
            case ReasoningDeltaEvent reasoning:
                _parts.WriteDelta(UiPartKind.Reasoning, reasoning.PartId, reasoning.Delta);
                break;
            case HiddenReasoningEvent hidden:
                _parts.WriteHiddenReasoning(hidden.State);
                break;
            case CompactionEvent compaction:
                _parts.WriteCompaction(compaction);
                break;
            case KeepaliveEvent:
                _chunks.WriteKeepalive();
                break;
            case TurnStartEvent turnStart:
                _parts.WriteStart(turnStart.MessageId);
                break;
            case StepStartEvent:
                _parts.StartStep();
                break;
            case StepFinishEvent:
                _parts.CloseStep();
                break;
            case ToolCallEvent toolCall:
                WriteToolCall(toolCall);
                break;
            case ToolResultEvent toolResult:
                WriteToolResult(toolResult);
                break;
            case UsageEvent usage:
                _model = usage.Model ?? _model;
                _usage = TokenUsageSum.Add(_usage, usage.Usage);
                return default;
            case StopEvent stop:
                _finishReason = stop.FinishReason;
                _stopped = stop.StopReason == "cancelled";
                return default;
            case ErrorEvent error:
                WriteEnd(ChunkNames.Error, ChunkNames.ErrorText, error.Message);
                break;
            case AbortEvent abort:
                WriteEnd(ChunkNames.Abort, ChunkNames.Reason, abort.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown event type {chatEvent.GetType().Name}.", nameof(chatEvent));
        }

        return _chunks.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the stream: closes open parts and the open step, writes <c>finish</c> and <c>[DONE]</c>, and flushes.</summary>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes once the end is flushed.</returns>
    /// <remarks>The finish reason is the last <see cref="StopEvent"/>'s, or <c>other</c> when none came. Does nothing when the stream already ended.</remarks>
    public ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_chunks.IsDone)
        {
            return default;
        }

        _parts.EnsureStarted();
        _parts.CloseStep();
        UiFinishChunk.Write(_chunks, _finishReason ?? ChatFinishReason.Other, _usage, _model, _stopped);
        _chunks.WriteDone();
        return _chunks.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the stream with a masked <c>error</c> chunk, for failures that produced no <see cref="ErrorEvent"/>.</summary>
    /// <param name="errorText">Text safe to show the end user.</param>
    /// <param name="cancellationToken">Cancels the flush.</param>
    /// <returns>A task that completes once the error is flushed.</returns>
    public ValueTask FailAsync(string errorText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(errorText);
        return WriteAsync(new ErrorEvent(errorText), cancellationToken);
    }

    /// <summary>Releases the writer; completes the pipe it made over a <see cref="Stream"/>, leaving the stream open.</summary>
    /// <returns>A task that completes once released.</returns>
    public ValueTask DisposeAsync() => _chunks.DisposeAsync();

    private void WriteToolCall(ToolCallEvent toolCall)
    {
        _parts.BeginContent();
        (_toolCallIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(toolCall.ToolCallId);
        UiToolChunks.WriteCall(_chunks, toolCall);
    }

    private void WriteToolResult(ToolResultEvent toolResult)
    {
        if (_toolCallIds is null || !_toolCallIds.Contains(toolResult.ToolCallId))
        {
            throw new InvalidOperationException("A tool result must follow the tool call it answers; the AI SDK rejects a result for an unknown call.");
        }

        _parts.ClosePart();
        UiToolChunks.WriteResult(_chunks, toolResult);
    }

    /// <summary>Ends the stream with an <c>error</c> or <c>abort</c> chunk and <c>[DONE]</c>; a <see langword="null"/> text leaves its field out.</summary>
    private void WriteEnd(System.Text.Json.JsonEncodedText type, System.Text.Json.JsonEncodedText field, string? text)
    {
        _parts.EnsureStarted();
        _parts.ClosePart();
        _chunks.Begin(type);
        if (text is not null)
        {
            _chunks.Json.WriteString(field, text);
        }

        _chunks.End();
        _chunks.WriteDone();
    }
}
