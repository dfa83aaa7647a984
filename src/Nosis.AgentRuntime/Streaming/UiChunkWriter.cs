using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Frames UI chunks as SSE events, <c>data: {json}</c>, writing the JSON with one reused <see cref="Utf8JsonWriter"/> straight into the pipe.</summary>
/// <remarks>Knows nothing of the chunks' order: <see cref="UiMessageStreamWriter"/> and <see cref="UiPartTracker"/> decide that.</remarks>
internal sealed class UiChunkWriter : IAsyncDisposable
{
    private readonly PipeWriter _output;
    private readonly bool _ownsOutput;

    public UiChunkWriter(PipeWriter output, bool ownsOutput)
    {
        _output = output;
        _ownsOutput = ownsOutput;
        Json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Gets the writer of the open chunk's fields, between <see cref="Begin"/> and <see cref="End"/>.</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>Gets a value indicating whether <c>[DONE]</c> was written, or a stalled flush abandoned the stream.</summary>
    public bool IsDone { get; private set; }

    public TimeSpan WriteStallTimeout { get; set; } = UiMessageStream.DefaultWriteStallTimeout;

    /// <summary>Opens a chunk of <paramref name="type"/>; its other fields follow through <see cref="Json"/>.</summary>
    public void Begin(JsonEncodedText type)
    {
        _output.Write("data: "u8);
        Json.Reset();
        Json.WriteStartObject();
        Json.WriteString(ChunkNames.Type, type);
    }

    public void End()
    {
        Json.WriteEndObject();
        Json.Flush();
        _output.Write("\n\n"u8);
    }

    /// <summary>Writes a chunk with no field but its type.</summary>
    public void Write(JsonEncodedText type)
    {
        Begin(type);
        End();
    }

    /// <summary>Writes a chunk with one <c>id</c>.</summary>
    public void WriteWithId(JsonEncodedText type, string id)
    {
        Begin(type);
        Json.WriteString(ChunkNames.Id, id);
        End();
    }

    /// <summary>Writes an SSE comment, which readers ignore and proxies see as traffic.</summary>
    public void WriteKeepalive() => _output.Write(": keep-alive\n\n"u8);

    public void WriteDone()
    {
        _output.Write("data: [DONE]\n\n"u8);
        IsDone = true;
    }

    /// <summary>Flushes what was written; a flush that makes no progress for <see cref="WriteStallTimeout"/> fails with <see cref="TimeoutException"/>.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken)
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

    public async ValueTask DisposeAsync()
    {
        await Json.DisposeAsync().ConfigureAwait(false);
        if (_ownsOutput)
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
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
            IsDone = true;
            throw new TimeoutException($"The client read nothing for {timeout.TotalSeconds:0.###} s; the reply was abandoned.");
        }
    }
}
