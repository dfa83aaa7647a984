using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <content>Streaming sends: the live response read frame by frame with <see cref="SseParser"/>.</content>
public sealed partial class LettaClient
{
    private const int PreviewLength = 32;
    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();

    /// <inheritdoc/>
    public async IAsyncEnumerable<LettaStreamItem> StreamMessageAsync(
        string agentId,
        LettaMessageRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(request);
        var path = _options.StreamRoute == LettaStreamRoute.Messages
            ? $"/v1/agents/{Uri.EscapeDataString(agentId)}/messages"
            : $"/v1/agents/{Uri.EscapeDataString(agentId)}/messages/stream";
        var operation = $"POST {path}";
        var body = LettaSendWireRequest.ForStream(request, _options.StreamRoute == LettaStreamRoute.Messages);

        // The timeout covers the response headers only; once the body streams, the idle timeout takes over.
        var response = await InvokeAsync(operation, token => OpenStreamAsync(path, body, token), cancellationToken).ConfigureAwait(false);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var frames = 0;
        var ending = "body ended";
        try
        {
            if (!response.IsSuccessStatusCode)
            {
                var errorBody = await ReadErrorBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
                throw CreateError(operation, response.StatusCode, errorBody, RetryAfterOf(response.Headers));
            }

            _logger.StreamOpened(agentId);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var parser = SseParser.Create(stream, static (_, data) => data.ToArray());
            var enumerator = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            try
            {
                while (true)
                {
                    idle.CancelAfter(_options.StreamIdleTimeout);
                    if (!await MoveNextAsync(enumerator, agentId, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    // The server is not silent while the caller is busy with a frame: the timer runs only while we wait.
                    idle.CancelAfter(Timeout.InfiniteTimeSpan);

                    var frame = enumerator.Current.Data;
                    var index = frames++;
                    if (frame.AsSpan().Trim(" \r\n"u8).SequenceEqual(DoneMarker))
                    {
                        ending = "[DONE]";
                        break;
                    }

                    var eventType = enumerator.Current.EventType;
                    if (eventType != SseParser.EventTypeDefault && eventType != "error" && eventType != "cancelled")
                    {
                        continue; // An event name Letta does not document: skipped, as the official client does.
                    }

                    var item = ParseFrame(frame, index, agentId, eventType);
                    if (item is LettaUnknownItem unknown)
                    {
                        _logger.StreamUnknownMessageType(agentId, unknown.UnknownMessageType);
                    }

                    yield return item;
                    if (item is LettaStreamError or LettaRunCancelled)
                    {
                        ending = item is LettaStreamError ? "error" : "cancelled";
                        break;
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            response.Dispose();
            _logger.StreamEnded(agentId, frames, ending);
        }
    }

    /// <summary>Sends the request and returns as soon as the headers arrive; the body stays on the wire until it is read.</summary>
    private async Task<HttpResponseMessage> OpenStreamAsync(string path, LettaSendWireRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(body, LettaJsonContext.Default.LettaSendWireRequest),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> MoveNextAsync(IAsyncEnumerator<SseItem<byte[]>> enumerator, string agentId, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.StreamIdle(agentId, _options.StreamIdleTimeout);
            throw new TimeoutException($"The Letta reply stream for agent {agentId} was silent for {_options.StreamIdleTimeout.TotalSeconds:0.###} s.");
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The Letta reply stream for agent {agentId} broke: {Redaction.Redact(exception.Message, _options.ApiKey)}", exception);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The Letta reply stream for agent {agentId} broke: {Redaction.Redact(exception.Message, _options.ApiKey)}", exception);
        }
    }

    private LettaStreamItem ParseFrame(byte[] frame, int index, string agentId, string eventType)
    {
        LettaWireMessage? wire;
        try
        {
            wire = JsonSerializer.Deserialize(frame, LettaJsonContext.Default.LettaWireMessage);
        }
        catch (JsonException exception)
        {
            _logger.StreamFrameMalformed(agentId, index);
            throw new LettaStreamFormatException(index, Preview(frame), exception);
        }

        if (wire is null)
        {
            _logger.StreamFrameMalformed(agentId, index);
            throw new LettaStreamFormatException(index, Preview(frame));
        }

        var item = eventType switch
        {
            "error" => LettaStreamItemMapper.MapErrorEvent(wire),
            "cancelled" => LettaStreamItemMapper.MapCancelledEvent(wire),
            _ => LettaStreamItemMapper.Map(wire),
        };
        return item is LettaStreamError error ? error with
        {
            Message = Redaction.Redact(error.Message, _options.ApiKey) ?? string.Empty,
            Detail = Redaction.Redact(error.Detail, _options.ApiKey),
        } : item;
    }

    private string Preview(byte[] frame)
    {
        var text = Encoding.UTF8.GetString(frame, 0, Math.Min(frame.Length, PreviewLength * 4));
        text = Redaction.Redact(text, _options.ApiKey) ?? string.Empty;
        if (text.Length > PreviewLength)
        {
            text = text[..PreviewLength];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>Reads at most the first 64 KiB of an error body (its message is shortened anyway); a body that breaks off reads as none.</summary>
    private static async Task<string?> ReadErrorBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        const int MaxErrorBodyBytes = 64 * 1024;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            return null;
        }
    }
}
