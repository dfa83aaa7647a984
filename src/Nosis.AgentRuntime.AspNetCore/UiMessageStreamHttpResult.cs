using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Writes a started turn as the AI SDK UI message stream: the protocol headers, unbuffered, one flush per event, then disposes the turn.</summary>
/// <remarks>
/// A turn that fails after the first byte ends with an <c>error</c> chunk (the status is already sent); a client that goes away
/// cancels the upstream request and the runtime saves the partial reply.
/// </remarks>
public sealed class UiMessageStreamHttpResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly IAsyncEnumerable<AgentChatEvent> _events;
    private readonly IAsyncDisposable? _owner;

    internal UiMessageStreamHttpResult(AgentChatStream stream)
    {
        _events = stream;
        _owner = stream;
    }

    /// <summary>Writes events nothing needs to be disposed for, such as a <see cref="ResumedReply"/>.</summary>
    internal UiMessageStreamHttpResult(IAsyncEnumerable<AgentChatEvent> events)
    {
        _events = events;
    }

    /// <inheritdoc/>
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc/>
    public string ContentType => UiMessageStream.ContentType;

    /// <inheritdoc/>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var aborted = httpContext.RequestAborted;
        await using ((_owner ?? NothingToDispose.Instance).ConfigureAwait(false))
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            foreach (var (name, value) in UiMessageStream.GetResponseHeaders(httpContext.Request.Protocol))
            {
                response.Headers[name] = value;
            }

            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                await UiMessageStream.WriteAsync(_events, response.BodyWriter, aborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                // The client went away (useChat's stop): the runtime saves the partial reply.
            }
#pragma warning disable CA1031 // The stream has already ended with an error chunk; the response must still complete cleanly.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var logger = httpContext.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(UiMessageStreamHttpResult).FullName!);
                logger?.StreamFailedAfterStart(exception.GetType().Name);
            }
        }
    }

    private sealed class NothingToDispose : IAsyncDisposable
    {
        public static readonly NothingToDispose Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
