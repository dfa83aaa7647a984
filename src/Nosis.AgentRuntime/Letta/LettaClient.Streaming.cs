using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <content>Streaming sends: the live response read frame by frame with <see cref="SseParser"/>.</content>
public sealed partial class LettaClient
{
    /// <summary>The agent's own conversation: <c>default</c>, with <c>agent_id</c> in the body (agent-direct mode).</summary>
    private const string DefaultConversation = "default";

    private const string DefaultConversationMessagesPath = "/v1/conversations/" + DefaultConversation + "/messages";

    /// <inheritdoc/>
    public async IAsyncEnumerable<LettaStreamItem> StreamMessageAsync(
        string agentId,
        LettaMessageRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in StreamFramesAsync(agentId, request, cancellationToken).ConfigureAwait(false))
        {
            yield return frame.ToItem();
        }
    }

    /// <summary>Streams the reply's frames as read, token deltas not yet made into items; ends after <c>[DONE]</c> or an error frame.</summary>
    IAsyncEnumerable<LettaFrame> ILettaFrameSource.StreamFramesAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken) =>
        StreamFramesAsync(agentId, request, cancellationToken);

    /// <remarks>Not an iterator itself: the frames are <see cref="ReadFramesAsync"/>'s, with no level in between.</remarks>
    private IAsyncEnumerable<LettaFrame> StreamFramesAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(request);
        var (path, body) = _options.StreamRoute switch
        {
            LettaStreamRoute.Conversations => (DefaultConversationMessagesPath, LettaSendWireRequest.ForConversation(request, agentId)),
            LettaStreamRoute.Messages => ($"/v1/agents/{Uri.EscapeDataString(agentId)}/messages", LettaSendWireRequest.ForStream(request, onMessagesRoute: true)),
            _ => ($"/v1/agents/{Uri.EscapeDataString(agentId)}/messages/stream", LettaSendWireRequest.ForStream(request, onMessagesRoute: false)),
        };
        return ReadFramesAsync(path, () => JsonContent.Create(body, LettaJsonContext.Default.LettaSendWireRequest), agentId, cancellationToken);
    }

    /// <summary>Posts to a streaming route and yields its frames; <paramref name="subject"/> (an agent or run id) names the stream in logs and errors.</summary>
    private async IAsyncEnumerable<LettaFrame> ReadFramesAsync(
        string path,
        Func<HttpContent> content,
        string subject,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var agentId = subject;
        var operation = $"POST {path}";

        // The timeout covers the response headers only; once the body streams, the idle timeout takes over.
        var response = await InvokeAsync(operation, token => OpenStreamAsync(path, content(), token), cancellationToken).ConfigureAwait(false);
        using var idle = new StreamIdleWatchdog(_options.StreamIdleTimeout, cancellationToken);
        var frames = new FrameParser(this, agentId);
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

            // Each frame is read inside the parser's callback, from the parser's own buffer.
            var parser = SseParser.Create(stream, frames.Parse);
            var enumerator = parser.EnumerateAsync(idle.Token).GetAsyncEnumerator(idle.Token);
            try
            {
                while (true)
                {
                    idle.Waiting();
                    if (!await MoveNextAsync(enumerator, agentId, cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    // The server is not silent while the caller is busy with a frame: the timer runs only while we wait.
                    idle.Received();
                    var frame = enumerator.Current.Data;
                    if (frame.Kind == LettaFrameKind.Done)
                    {
                        ending = "[DONE]";
                        break;
                    }

                    if (frame.Kind == LettaFrameKind.Skipped)
                    {
                        continue; // An event name Letta does not document: skipped, as the official client does.
                    }

                    yield return frame;
                    if (frame.Item is LettaStreamError or LettaRunCancelled)
                    {
                        ending = frame.Item is LettaStreamError ? "error" : "cancelled";
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
            _logger.StreamEnded(agentId, frames.Count, ending);
        }
    }

    /// <summary>Sends the request and returns as soon as the headers arrive; the body stays on the wire until it is read.</summary>
    private async Task<HttpResponseMessage> OpenStreamAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = content,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves to the next frame; one already in the parser's buffer is returned without an await.</summary>
    private ValueTask<bool> MoveNextAsync(IAsyncEnumerator<SseItem<LettaFrame>> enumerator, string agentId, CancellationToken cancellationToken)
    {
        ValueTask<bool> next;
        try
        {
            next = enumerator.MoveNextAsync();
        }
        catch (Exception exception)
        {
            next = ValueTask.FromException<bool>(exception);
        }

        return next.IsCompletedSuccessfully ? next : WaitForFrameAsync(next, agentId, cancellationToken);
    }

    private async ValueTask<bool> WaitForFrameAsync(ValueTask<bool> next, string agentId, CancellationToken cancellationToken)
    {
        try
        {
            return await next.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.StreamIdle(agentId, _options.StreamIdleTimeout);
            throw new TimeoutException($"The Letta reply stream for agent {agentId} was silent for {_options.StreamIdleTimeout.TotalSeconds:0.###} s.");
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The Letta reply stream for agent {agentId} broke: {_redactor.Redact(exception.Message)}", exception);
        }
        catch (HttpRequestException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"The Letta reply stream for agent {agentId} broke: {_redactor.Redact(exception.Message)}", exception);
        }
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
