using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Writes a reply as SSE (<c>data: &lt;json&gt;\n\n</c>), flushing every frame, with the stream faults applied.</summary>
/// <remarks>A background run's reader leaves the trickle out (<paramref name="trickle"/> false): the run itself trickles, as a slow model would.</remarks>
internal sealed class SseSink(HttpContext context, LettaEmulatorFaults faults, bool trickle = true) : IReplySink
{
    private readonly int? _dropAfter = faults.TakeDrop();
    private readonly int? _malformedAt = faults.TakeMalformed();
    private readonly TimeSpan _trickle = trickle ? faults.TrickleDelay : TimeSpan.Zero;
    private static readonly TimeSpan DropGrace = TimeSpan.FromMilliseconds(200);
    private int _frames;

    public ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken) =>
        WriteAsync($"data: {message.ToJsonString(WireFormat.JsonOptions)}\n\n", cancellationToken);

    public ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken) =>
        WriteAsync($"event: error\ndata: {payload.ToJsonString(WireFormat.JsonOptions)}\n\n", cancellationToken);

    // RunCancelledException in StreamingResponseWithStatusCode (letta/server/rest_api/streaming_response.py), json.dumps spacing.
    public ValueTask CancelledAsync(CancellationToken cancellationToken) =>
        WriteAsync("event: cancelled\ndata: {\"message\": \"Run was cancelled\"}\n\n", cancellationToken);

    public ValueTask DoneAsync(CancellationToken cancellationToken) => WriteAsync("data: [DONE]\n\n", cancellationToken);

    /// <summary>Writes a chunk already in SSE form, as a background run stored it.</summary>
    public ValueTask RawAsync(string frame, CancellationToken cancellationToken) => WriteAsync(frame, cancellationToken);

    private async ValueTask WriteAsync(string frame, CancellationToken cancellationToken)
    {
        if (_malformedAt == _frames)
        {
            await WriteFrameAsync("data: {\"message_type\":\"assistant_message\",\"content\":\"cut\n\n", cancellationToken).ConfigureAwait(false);
        }

        await WriteFrameAsync(frame, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteFrameAsync(string frame, CancellationToken cancellationToken)
    {
        if (_dropAfter == _frames)
        {
            // Let the client read what was sent: a reset discards data still unread in its socket buffer.
            await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(DropGrace, cancellationToken).ConfigureAwait(false);
            context.Abort();
            throw new StreamDroppedException();
        }

        if (_frames > 0 && _trickle > TimeSpan.Zero)
        {
            await Task.Delay(_trickle, cancellationToken).ConfigureAwait(false);
        }

        _frames++;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Thrown inside the emulator when a fault drops a stream's connection on purpose.</summary>
internal sealed class StreamDroppedException : Exception
{
    public StreamDroppedException()
        : base("The emulator dropped the stream on purpose.")
    {
    }

    public StreamDroppedException(string message)
        : base(message)
    {
    }

    public StreamDroppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
