using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Nosis.AgentRuntime.Streaming;

/// <content>Chunks: the JSON of each UI chunk, written with one reused <see cref="Utf8JsonWriter"/> straight into the pipe.</content>
public sealed partial class UiMessageStreamWriter
{
    private void WriteToolCall(ToolCallEvent toolCall)
    {
        EnsureStarted();
        if (!_stepOpen)
        {
            OpenStep();
        }

        ClosePart();
        (_toolCallIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(toolCall.ToolCallId);

        var arguments = toolCall.ArgumentsJson;
        JsonDocument? input = null;
        if (!string.IsNullOrWhiteSpace(arguments))
        {
            try
            {
                input = JsonDocument.Parse(arguments);
            }
            catch (JsonException)
            {
                BeginChunk(ChunkNames.ToolInputError);
                _json.WriteString(ChunkNames.ToolCallId, toolCall.ToolCallId);
                _json.WriteString(ChunkNames.ToolName, toolCall.ToolName);
                _json.WriteString(ChunkNames.Input, arguments);
                _json.WriteString(ChunkNames.ErrorText, InvalidToolInputText);
                EndChunk();
                return;
            }
        }

        using (input)
        {
            BeginChunk(ChunkNames.ToolInputAvailable);
            _json.WriteString(ChunkNames.ToolCallId, toolCall.ToolCallId);
            _json.WriteString(ChunkNames.ToolName, toolCall.ToolName);
            _json.WritePropertyName(ChunkNames.Input);
            if (input is null)
            {
                _json.WriteStartObject();
                _json.WriteEndObject();
            }
            else
            {
                input.RootElement.WriteTo(_json);
            }

            EndChunk();
        }
    }

    private void WriteToolResult(ToolResultEvent toolResult)
    {
        if (_toolCallIds is null || !_toolCallIds.Contains(toolResult.ToolCallId))
        {
            throw new InvalidOperationException("A tool result must follow the tool call it answers; the AI SDK rejects a result for an unknown call.");
        }

        ClosePart();
        if (toolResult.IsError)
        {
            BeginChunk(ChunkNames.ToolOutputError);
            _json.WriteString(ChunkNames.ToolCallId, toolResult.ToolCallId);
            _json.WriteString(ChunkNames.ErrorText, string.IsNullOrEmpty(toolResult.Output) ? ToolFailedText : toolResult.Output);
        }
        else
        {
            BeginChunk(ChunkNames.ToolOutputAvailable);
            _json.WriteString(ChunkNames.ToolCallId, toolResult.ToolCallId);
            _json.WriteString(ChunkNames.Output, toolResult.Output); // null writes "output":null: the key is required
        }

        EndChunk();
    }

    private void WriteFinish()
    {
        BeginChunk(ChunkNames.Finish);
        _json.WriteString(ChunkNames.FinishReason, ChunkNames.OfFinishReason(_finishReason ?? ChatFinishReason.Other));
        if (_usage is not null || _model is not null || _stopped)
        {
            _json.WriteStartObject(ChunkNames.MessageMetadata);
            if (_stopped)
            {
                _json.WriteBoolean(ChunkNames.Stopped, true); // the Letta run was cancelled: the reply was stopped on purpose
            }

            if (_model is not null)
            {
                _json.WriteString(ChunkNames.Model, _model);
            }

            if (_usage is not null)
            {
                _json.WriteStartObject(ChunkNames.Usage);
                _json.WriteNumber(ChunkNames.InputTokens, _usage.InputTokens);
                _json.WriteNumber(ChunkNames.OutputTokens, _usage.OutputTokens);
                _json.WriteNumber(ChunkNames.TotalTokens, _usage.TotalTokens);
                if (_usage.ReasoningTokens is { } reasoningTokens)
                {
                    _json.WriteNumber(ChunkNames.ReasoningTokens, reasoningTokens);
                }

                if (_usage.CachedInputTokens is { } cachedInputTokens)
                {
                    _json.WriteNumber(ChunkNames.CachedInputTokens, cachedInputTokens);
                }

                if (_usage.StepCount is { } stepCount)
                {
                    _json.WriteNumber(ChunkNames.StepCount, stepCount);
                }

                _json.WriteEndObject();
            }

            _json.WriteEndObject();
        }

        EndChunk();
    }

    private void WriteError(string message)
    {
        EnsureStarted();
        ClosePart();
        BeginChunk(ChunkNames.Error);
        _json.WriteString(ChunkNames.ErrorText, message);
        EndChunk();
        WriteDone();
    }

    private void WriteAbort(string? reason)
    {
        EnsureStarted();
        ClosePart();
        BeginChunk(ChunkNames.Abort);
        if (reason is not null)
        {
            _json.WriteString(ChunkNames.Reason, reason);
        }

        EndChunk();
        WriteDone();
    }

    private void WriteDone()
    {
        _output.Write("data: [DONE]\n\n"u8);
        _ended = true;
    }

    private void WriteIdChunk(JsonEncodedText type, string id)
    {
        BeginChunk(type);
        _json.WriteString(ChunkNames.Id, id);
        EndChunk();
    }

    private void BeginChunk(JsonEncodedText type)
    {
        _output.Write("data: "u8);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString(ChunkNames.Type, type);
    }

    private void EndChunk()
    {
        _json.WriteEndObject();
        _json.Flush();
        _output.Write("\n\n"u8);
    }

    private ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var flush = _output.FlushAsync(cancellationToken);
        if (flush.IsCompletedSuccessfully)
        {
            _ = flush.Result;
            return default;
        }

        return WriteStallTimeout == Timeout.InfiniteTimeSpan ? AwaitFlushAsync(flush) : AwaitFlushOrStallAsync(flush, WriteStallTimeout);

        static async ValueTask AwaitFlushAsync(ValueTask<FlushResult> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>Waits for a flush held back by a client that does not read; past <paramref name="timeout"/> the flush is cancelled and the write fails.</summary>
    private async ValueTask AwaitFlushOrStallAsync(ValueTask<FlushResult> pending, TimeSpan timeout)
    {
        var flush = pending.AsTask();
        try
        {
            await flush.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _output.CancelPendingFlush();
            _ended = true;
            throw new TimeoutException($"The client read nothing for {timeout.TotalSeconds:0.###} s; the reply was abandoned.");
        }
    }
}
