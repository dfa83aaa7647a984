using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

public class UiMessageStreamWriterTests
{
    [Test]
    public async Task CompleteAsync_OneStepTextReply_MatchesTheDocumentedBytes()
    {
        var body = await EncodeAsync(
            new TurnStartEvent("msg_1"),
            new TextDeltaEvent("letta-otid-1", "Hello"),
            StopEvent.FromLetta("end_turn"));

        body.Should().Be(
            "data: {\"type\":\"start\",\"messageId\":\"msg_1\"}\n\n" +
            "data: {\"type\":\"start-step\"}\n\n" +
            "data: {\"type\":\"text-start\",\"id\":\"t1\"}\n\n" +
            "data: {\"type\":\"text-delta\",\"id\":\"t1\",\"delta\":\"Hello\"}\n\n" +
            "data: {\"type\":\"text-end\",\"id\":\"t1\"}\n\n" +
            "data: {\"type\":\"finish-step\"}\n\n" +
            "data: {\"type\":\"finish\",\"finishReason\":\"stop\"}\n\n" +
            "data: [DONE]\n\n");
    }

    [Test]
    public async Task WriteAsync_PartIdChanges_EndsThePartAndStartsOneWithAFreshId()
    {
        var chunks = Chunks(await EncodeAsync(
            new TextDeltaEvent("a", "one"),
            new TextDeltaEvent("a", " two"),
            new TextDeltaEvent("b", "three")));

        chunks.Select(Describe).Should().Equal(
            "start", "start-step", "text-start t1", "text-delta t1", "text-delta t1", "text-end t1",
            "text-start t2", "text-delta t2", "text-end t2", "finish-step", "finish", "[DONE]");
    }

    [Test]
    public async Task WriteAsync_ReasoningThenText_EndsReasoningBeforeTextStarts()
    {
        var chunks = Chunks(await EncodeAsync(
            new ReasoningDeltaEvent("m1", "thinking"),
            new TextDeltaEvent("m1", "answer")));

        chunks.Select(Describe).Should().Equal(
            "start", "start-step", "reasoning-start r1", "reasoning-delta r1", "reasoning-end r1",
            "text-start t2", "text-delta t2", "text-end t2", "finish-step", "finish", "[DONE]");
    }

    [Test]
    public async Task WriteAsync_ExplicitSteps_ClosesOpenPartsBeforeEachFinishStep()
    {
        var chunks = Chunks(await EncodeAsync(
            new StepStartEvent(),
            new TextDeltaEvent("a", "calling"),
            new ToolCallEvent("call-1", "lookup", "{\"q\":\"x\"}"),
            new ToolResultEvent("call-1", "found"),
            new StepFinishEvent(),
            new StepStartEvent(),
            new TextDeltaEvent("a", "done"),
            new StepFinishEvent(),
            StopEvent.FromLetta("end_turn")));

        chunks.Select(Describe).Should().Equal(
            "start", "start-step", "text-start t1", "text-delta t1", "text-end t1",
            "tool-input-available", "tool-output-available", "finish-step",
            "start-step", "text-start t2", "text-delta t2", "text-end t2", "finish-step",
            "finish", "[DONE]");
    }

    [Test]
    public async Task WriteAsync_NoTurnStartAndNoStop_OmitsMessageIdAndFinishesWithOther()
    {
        var chunks = Chunks(await EncodeAsync(new TextDeltaEvent("a", "x")));

        chunks[0].Should().Be("{\"type\":\"start\"}");
        chunks[^2].Should().Be("{\"type\":\"finish\",\"finishReason\":\"other\"}");
    }

    [Test]
    public async Task WriteAsync_DeltaWithNewlinesQuotesAndUnicode_StaysOnOneLineAndRoundTrips()
    {
        const string Delta = "line 1\nline 2\r\n\"quoted\" \\ tab\t é 日本 😀 \u2028 </script> & '";

        var body = await EncodeAsync(new TextDeltaEvent("a", Delta));

        var deltaLine = body.Split("\n\n").Single(frame => frame.Contains("text-delta", StringComparison.Ordinal));
        deltaLine.Should().NotContain("\n").And.NotContain("\r");
        using var chunk = JsonDocument.Parse(deltaLine["data: ".Length..]);
        chunk.RootElement.GetProperty("delta").GetString().Should().Be(Delta);
    }

    [Test]
    public async Task WriteAsync_DeltaEndingInHalfASurrogatePair_WritesValidJson()
    {
        var body = await EncodeAsync(new TextDeltaEvent("a", "emoji \uD83D"), new TextDeltaEvent("a", "\uDE00 end"));

        foreach (var chunk in Chunks(body).Where(c => c != "[DONE]"))
        {
            using var json = JsonDocument.Parse(chunk);
            json.RootElement.GetProperty("type").GetString().Should().NotBeNull();
        }
    }

    [Test]
    public async Task WriteAsync_ToolCallWithPrettyJson_WritesTheInputCompactOnOneLine()
    {
        var chunks = Chunks(await EncodeAsync(new ToolCallEvent("call-1", "search", "{\n  \"query\": \"cats\",\n  \"limit\": 3\n}")));

        chunks.Should().Contain("{\"type\":\"tool-input-available\",\"toolCallId\":\"call-1\",\"toolName\":\"search\",\"input\":{\"query\":\"cats\",\"limit\":3}}");
    }

    [Test]
    public async Task WriteAsync_ToolCallWithEmptyArguments_WritesAnEmptyObject()
    {
        var chunks = Chunks(await EncodeAsync(new ToolCallEvent("call-1", "now", "")));

        chunks.Should().Contain("{\"type\":\"tool-input-available\",\"toolCallId\":\"call-1\",\"toolName\":\"now\",\"input\":{}}");
    }

    [Test]
    public async Task WriteAsync_ToolCallWithMalformedArguments_WritesToolInputErrorWithTheRawText()
    {
        var chunks = Chunks(await EncodeAsync(new ToolCallEvent("call-1", "search", "{\"query\": ")));

        chunks.Should().Contain("{\"type\":\"tool-input-error\",\"toolCallId\":\"call-1\",\"toolName\":\"search\",\"input\":\"{\\\"query\\\": \",\"errorText\":\"The tool input is not valid JSON.\"}");
    }

    [Test]
    public async Task WriteAsync_ToolResultWithoutOutput_WritesTheRequiredOutputKeyAsNull()
    {
        var chunks = Chunks(await EncodeAsync(
            new ToolCallEvent("call-1", "ping", "{}"),
            new ToolResultEvent("call-1", null)));

        chunks.Should().Contain("{\"type\":\"tool-output-available\",\"toolCallId\":\"call-1\",\"output\":null}");
    }

    [Test]
    public async Task WriteAsync_FailedToolResult_WritesToolOutputError()
    {
        var chunks = Chunks(await EncodeAsync(
            new ToolCallEvent("call-1", "ping", "{}"),
            new ToolResultEvent("call-1", "host unreachable", IsError: true)));

        chunks.Should().Contain("{\"type\":\"tool-output-error\",\"toolCallId\":\"call-1\",\"errorText\":\"host unreachable\"}");
    }

    [Test]
    public async Task WriteAsync_ToolResultForUnknownCall_Throws()
    {
        await using var writer = new UiMessageStreamWriter(new MemoryStream());

        var act = async () => await writer.WriteAsync(new ToolResultEvent("nobody", "x"));

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public async Task WriteAsync_TurnStartAfterContent_Throws()
    {
        await using var writer = new UiMessageStreamWriter(new MemoryStream());
        await writer.WriteAsync(new TextDeltaEvent("a", "x"));

        var act = async () => await writer.WriteAsync(new TurnStartEvent("late"));

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Test]
    public async Task CompleteAsync_UsageFromSeveralRequests_SumsItIntoFinishMetadataWithTheModel()
    {
        var chunks = Chunks(await EncodeAsync(
            new TextDeltaEvent("a", "x"),
            new UsageEvent(new TokenUsage(10, 2) { StepCount = 1 }, "openai/gpt-4o-mini"),
            new UsageEvent(new TokenUsage(15, 3) { ReasoningTokens = 4, StepCount = 1 }),
            StopEvent.FromLetta("end_turn")));

        chunks[^2].Should().Be(
            "{\"type\":\"finish\",\"finishReason\":\"stop\",\"messageMetadata\":{\"model\":\"openai/gpt-4o-mini\"," +
            "\"usage\":{\"inputTokens\":25,\"outputTokens\":5,\"totalTokens\":30,\"reasoningTokens\":4,\"stepCount\":2}}}");
    }

    [Test]
    public async Task WriteAsync_ErrorWhileTextIsOpen_EndsTheTextThenErrorsAndWritesNothingMore()
    {
        var chunks = Chunks(await EncodeAsync(
            new TextDeltaEvent("a", "partial"),
            StopEvent.FromLetta("llm_api_error"),
            new ErrorEvent("The assistant is unavailable.", "llm_error"),
            new TextDeltaEvent("a", "after"),
            new KeepaliveEvent()));

        chunks.Select(Describe).Should().Equal(
            "start", "start-step", "text-start t1", "text-delta t1", "text-end t1", "error", "[DONE]");
        chunks[5].Should().Be("{\"type\":\"error\",\"errorText\":\"The assistant is unavailable.\"}");
    }

    [Test]
    public async Task WriteAsync_Abort_EndsOpenPartsAndWritesAbortThenDone()
    {
        var chunks = Chunks(await EncodeAsync(
            new ReasoningDeltaEvent("a", "hmm"),
            new AbortEvent("step limit reached")));

        chunks.Select(Describe).Should().Equal(
            "start", "start-step", "reasoning-start r1", "reasoning-delta r1", "reasoning-end r1", "abort", "[DONE]");
        chunks[5].Should().Be("{\"type\":\"abort\",\"reason\":\"step limit reached\"}");
    }

    [Test]
    public async Task WriteAsync_AbortWithoutReason_OmitsTheReasonKey()
    {
        var chunks = Chunks(await EncodeAsync(new AbortEvent()));

        chunks.Should().Equal("{\"type\":\"start\"}", "{\"type\":\"abort\"}", "[DONE]");
    }

    [Test]
    public async Task WriteAsync_Keepalive_WritesAnSseCommentLine()
    {
        var body = await EncodeAsync(new KeepaliveEvent(), new TextDeltaEvent("a", "x"));

        body.Should().StartWith(": keep-alive\n\ndata: {\"type\":\"start\"}\n\n");
    }

    [Test]
    public async Task WriteAsync_EachEvent_IsFlushedBeforeTheNextIsWritten()
    {
        var pipe = new Pipe();
        await using var writer = new UiMessageStreamWriter(pipe.Writer);

        await writer.WriteAsync(new TextDeltaEvent("a", "Hi"));

        pipe.Reader.TryRead(out var read).Should().BeTrue();
        Encoding.UTF8.GetString(read.Buffer).Should().EndWith("data: {\"type\":\"text-delta\",\"id\":\"t1\",\"delta\":\"Hi\"}\n\n");
        pipe.Reader.AdvanceTo(read.Buffer.End);
    }

    [Test]
    public async Task WriteAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        var output = new MemoryStream();
        await using var writer = new UiMessageStreamWriter(output);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = async () => await writer.WriteAsync(new TextDeltaEvent("a", "x"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        output.Length.Should().Be(0);
    }

    [Test]
    public async Task CompleteAsync_Twice_WritesTheEndOnce()
    {
        var output = new MemoryStream();
        await using (var writer = new UiMessageStreamWriter(output))
        {
            await writer.CompleteAsync();
            await writer.CompleteAsync();
            writer.IsCompleted.Should().BeTrue();
        }

        Encoding.UTF8.GetString(output.ToArray()).Should().Be(
            "data: {\"type\":\"start\"}\n\ndata: {\"type\":\"finish\",\"finishReason\":\"other\"}\n\ndata: [DONE]\n\n");
    }

    [Test]
    public async Task WriteAsync_TextDeltasOfAnOpenPart_AllocateNothingInTheWriter()
    {
        var deltas = Enumerable.Range(0, 1000).Select(i => new TextDeltaEvent("a", "token ")).ToArray();
        await using var writer = new UiMessageStreamWriter(PipeWriter.Create(Stream.Null));
        await writer.WriteAsync(new TextDeltaEvent("a", "warm-up"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var delta in deltas)
        {
            await writer.WriteAsync(delta);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().BeLessThan(1000, "the event record is the only per-delta allocation, and it is made by the producer");
    }

    private static async Task<string> EncodeAsync(params AgentChatEvent[] events)
    {
        var output = new MemoryStream();
        await using (var writer = new UiMessageStreamWriter(output))
        {
            foreach (var chatEvent in events)
            {
                await writer.WriteAsync(chatEvent);
            }

            await writer.CompleteAsync();
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static List<string> Chunks(string body)
    {
        body.Should().EndWith("\n\n");
        return body[..^2].Split("\n\n")
            .Where(frame => !frame.StartsWith(':'))
            .Select(frame =>
            {
                frame.Should().StartWith("data: ").And.NotContain("\n");
                return frame["data: ".Length..];
            })
            .ToList();
    }

    private static string Describe(string chunk)
    {
        if (chunk == "[DONE]")
        {
            return chunk;
        }

        using var json = JsonDocument.Parse(chunk);
        var type = json.RootElement.GetProperty("type").GetString()!;
        return json.RootElement.TryGetProperty("id", out var id) ? $"{type} {id.GetString()}" : type;
    }
}
