using System.Collections.ObjectModel;
using System.IO.Pipelines;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The AI SDK UI message stream (protocol v1): the response headers to send, and writing a whole reply.</summary>
/// <remarks>
/// A host sets the headers from <see cref="GetResponseHeaders"/>, sends no <c>content-length</c>, turns response
/// compression and buffering off for the endpoint, and writes the body with <see cref="WriteAsync(IAsyncEnumerable{AgentChatEvent}, PipeWriter, CancellationToken)"/>
/// or a <see cref="UiMessageStreamWriter"/>.
/// </remarks>
public static class UiMessageStream
{
    /// <summary>The content type of the stream; sent without a charset, the body is UTF-8.</summary>
    public const string ContentType = "text/event-stream";

    /// <summary>The name of the header that marks the protocol version.</summary>
    public const string ProtocolHeaderName = "x-vercel-ai-ui-message-stream";

    /// <summary>The protocol version this runtime writes.</summary>
    public const string ProtocolVersion = "v1";

    /// <summary>The error text sent when the event source fails without an <see cref="ErrorEvent"/> of its own.</summary>
    public const string DefaultErrorText = "An error occurred.";

    /// <summary>Gets how long a write may make no progress before the reply is abandoned, unless the stream says otherwise.</summary>
    /// <value>30 seconds; a stream from <see cref="AgentChatService"/> uses <see cref="AgentRuntimeOptions.ResponseWriteStallTimeout"/>.</value>
    public static TimeSpan DefaultWriteStallTimeout { get; } = TimeSpan.FromSeconds(30);

    private static readonly ReadOnlyCollection<KeyValuePair<string, string>> Http2Headers = Array.AsReadOnly(
    [
        new KeyValuePair<string, string>("content-type", ContentType),
        new KeyValuePair<string, string>(ProtocolHeaderName, ProtocolVersion),
        new KeyValuePair<string, string>("cache-control", "no-cache"),
        new KeyValuePair<string, string>("x-accel-buffering", "no"),
    ]);

    private static readonly ReadOnlyCollection<KeyValuePair<string, string>> Http1Headers = Array.AsReadOnly(
    [
        .. Http2Headers,
        new KeyValuePair<string, string>("connection", "keep-alive"),
    ]);

    /// <summary>Gets the response headers for an HTTP/1.1 response: content type, protocol marker, <c>cache-control: no-cache</c>, <c>x-accel-buffering: no</c> and <c>connection: keep-alive</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders => Http1Headers;

    /// <summary>Gets the response headers for a response over <paramref name="httpProtocol"/>; <c>connection</c> only for HTTP/1.x, which alone allows connection headers.</summary>
    /// <param name="httpProtocol">The request's protocol as ASP.NET Core's <c>HttpRequest.Protocol</c> gives it, e.g. <c>HTTP/1.1</c> or <c>HTTP/2</c>.</param>
    /// <returns>Header names (lower case) and values, in the order to set them.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> GetResponseHeaders(string? httpProtocol) =>
        AllowsConnectionHeader(httpProtocol) ? Http1Headers : Http2Headers;

    /// <summary>Tells whether a response over <paramref name="httpProtocol"/> may carry a <c>connection</c> header (HTTP/1.0 and HTTP/1.1 only).</summary>
    /// <param name="httpProtocol">The protocol, e.g. <c>HTTP/1.1</c>.</param>
    /// <returns><see langword="true"/> for HTTP/1.x.</returns>
    public static bool AllowsConnectionHeader(string? httpProtocol) =>
        string.Equals(httpProtocol, "HTTP/1.1", StringComparison.OrdinalIgnoreCase)
        || string.Equals(httpProtocol, "HTTP/1.0", StringComparison.OrdinalIgnoreCase);

#pragma warning disable RS0026 // A Stream and a PipeWriter overload, both with the usual optional token, shipped together.
    /// <summary>Writes a whole reply to <paramref name="output"/>, flushing after every event, and ends it.</summary>
    /// <param name="events">The reply's events.</param>
    /// <param name="output">The response body; it is left open.</param>
    /// <param name="cancellationToken">The request's abort token: when it fires, writing stops without an end (nobody reads any more).</param>
    /// <returns>A task that completes once the stream has ended.</returns>
    /// <remarks>When <paramref name="events"/> throws, the stream ends with <see cref="DefaultErrorText"/> (never the exception's text) and the exception is rethrown.</remarks>
    public static async Task WriteAsync(IAsyncEnumerable<AgentChatEvent> events, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new UiMessageStreamWriter(output) { WriteStallTimeout = StallTimeoutOf(events) };
        await using (writer.ConfigureAwait(false))
        {
            await WriteAsync(events, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a whole reply to <paramref name="output"/>, flushing after every event, and ends it.</summary>
    /// <param name="events">The reply's events.</param>
    /// <param name="output">The response body, e.g. <c>HttpResponse.BodyWriter</c>; it is not completed.</param>
    /// <param name="cancellationToken">The request's abort token: when it fires, writing stops without an end (nobody reads any more).</param>
    /// <returns>A task that completes once the stream has ended.</returns>
    /// <remarks>When <paramref name="events"/> throws, the stream ends with <see cref="DefaultErrorText"/> (never the exception's text) and the exception is rethrown.</remarks>
    public static async Task WriteAsync(IAsyncEnumerable<AgentChatEvent> events, PipeWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(output);
        var writer = new UiMessageStreamWriter(output) { WriteStallTimeout = StallTimeoutOf(events) };
        await using (writer.ConfigureAwait(false))
        {
            await WriteAsync(events, writer, cancellationToken).ConfigureAwait(false);
        }
    }

#pragma warning restore RS0026

    private static async Task WriteAsync(IAsyncEnumerable<AgentChatEvent> events, UiMessageStreamWriter writer, CancellationToken cancellationToken)
    {
        var enumerator = events.GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                bool hasEvent;
                try
                {
                    hasEvent = await enumerator.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    await TryFailAsync(writer, cancellationToken).ConfigureAwait(false);
                    throw;
                }

                if (!hasEvent)
                {
                    break;
                }

                await writer.WriteAsync(enumerator.Current, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan StallTimeoutOf(IAsyncEnumerable<AgentChatEvent> events) =>
        events is AgentChatStream stream ? stream.WriteStallTimeout : DefaultWriteStallTimeout;

    private static async Task TryFailAsync(UiMessageStreamWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            await writer.FailAsync(DefaultErrorText, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The response is already gone; the source's exception, rethrown by the caller, is what matters.
        }
    }
}
