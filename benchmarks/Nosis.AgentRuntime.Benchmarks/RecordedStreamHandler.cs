using System.Net;
using System.Net.Http.Headers;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Answers every request with the recorded SSE bytes, as Letta's 200 with <c>text/event-stream</c> would; no socket involved.</summary>
/// <remarks>A benchmark harness, not a test double: it takes the network out so the numbers show the client's own cost.</remarks>
public sealed class RecordedStreamHandler(byte[] body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new StreamContent(new MemoryStream(body, writable: false));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
