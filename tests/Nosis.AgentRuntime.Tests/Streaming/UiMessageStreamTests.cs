using System.Runtime.CompilerServices;
using System.Text;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

public class UiMessageStreamTests
{
    [Test]
    public void GetResponseHeaders_Http11_HasAllFiveHeaders()
    {
        UiMessageStream.GetResponseHeaders("HTTP/1.1").Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["content-type"] = "text/event-stream",
            ["x-vercel-ai-ui-message-stream"] = "v1",
            ["cache-control"] = "no-cache",
            ["connection"] = "keep-alive",
            ["x-accel-buffering"] = "no",
        });
        UiMessageStream.ResponseHeaders.Should().BeEquivalentTo(UiMessageStream.GetResponseHeaders("HTTP/1.1"));
    }

    [TestCase("HTTP/2")]
    [TestCase("HTTP/3")]
    [TestCase(null)]
    public void GetResponseHeaders_NotHttp1_LeavesTheConnectionHeaderOff(string? protocol)
    {
        var headers = UiMessageStream.GetResponseHeaders(protocol);

        headers.Select(h => h.Key).Should().BeEquivalentTo("content-type", "x-vercel-ai-ui-message-stream", "cache-control", "x-accel-buffering");
        UiMessageStream.AllowsConnectionHeader(protocol).Should().BeFalse();
    }

    [Test]
    public async Task WriteAsync_EventsEnd_EndsTheStreamWithFinishAndDone()
    {
        var output = new MemoryStream();

        await UiMessageStream.WriteAsync(Events(new TurnStartEvent("m"), new TextDeltaEvent("a", "hi"), StopEvent.FromLetta("end_turn")), output);

        Encoding.UTF8.GetString(output.ToArray()).Should().EndWith(
            "data: {\"type\":\"finish\",\"finishReason\":\"stop\"}\n\ndata: [DONE]\n\n");
    }

    [Test]
    public async Task WriteAsync_SourceThrows_EndsWithAMaskedErrorAndRethrows()
    {
        var output = new MemoryStream();

        var act = () => UiMessageStream.WriteAsync(Failing("secret-key sk-123 leaked in upstream detail"), output);

        await act.Should().ThrowAsync<HttpRequestException>();
        var body = Encoding.UTF8.GetString(output.ToArray());
        body.Should().EndWith("data: {\"type\":\"text-end\",\"id\":\"t1\"}\n\ndata: {\"type\":\"error\",\"errorText\":\"An error occurred.\"}\n\ndata: [DONE]\n\n");
        body.Should().NotContain("sk-123");
    }

    [Test]
    public async Task WriteAsync_RequestAborted_StopsWithoutWritingAnEnd()
    {
        var output = new MemoryStream();
        using var aborted = new CancellationTokenSource();

        var act = () => UiMessageStream.WriteAsync(CancelAfterFirst(aborted), output, aborted.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        Encoding.UTF8.GetString(output.ToArray()).Should().NotContain("finish").And.NotContain("[DONE]").And.NotContain("abort");
    }

    [TestCase("end_turn", ChatFinishReason.Stop)]
    [TestCase("tool_rule", ChatFinishReason.Stop)]
    [TestCase("requires_approval", ChatFinishReason.ToolCalls)]
    [TestCase("max_tokens_exceeded", ChatFinishReason.Length)]
    [TestCase("llm_api_error", ChatFinishReason.Error)]
    [TestCase("invalid_tool_call", ChatFinishReason.Error)]
    [TestCase("max_steps", ChatFinishReason.Other)]
    [TestCase("cancelled", ChatFinishReason.Other)]
    [TestCase("something_new", ChatFinishReason.Other)]
    public void FromLetta_StopReason_MapsToTheAiSdkFinishReason(string stopReason, ChatFinishReason expected)
    {
        var stop = StopEvent.FromLetta(stopReason);

        stop.Should().Be(new StopEvent(stopReason, expected));
    }

    private static async IAsyncEnumerable<AgentChatEvent> Events(params AgentChatEvent[] events)
    {
        foreach (var chatEvent in events)
        {
            await Task.Yield();
            yield return chatEvent;
        }
    }

    private static async IAsyncEnumerable<AgentChatEvent> Failing(string detail)
    {
        yield return new TextDeltaEvent("a", "partial");
        await Task.Yield();
        throw new HttpRequestException(detail);
    }

    private static async IAsyncEnumerable<AgentChatEvent> CancelAfterFirst(CancellationTokenSource aborted, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return new TextDeltaEvent("a", "partial");
        await aborted.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        yield return new TextDeltaEvent("a", "never");
    }
}
