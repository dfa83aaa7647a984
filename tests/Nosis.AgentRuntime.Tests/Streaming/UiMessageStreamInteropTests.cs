using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>The real npm 'ai' package, 6 and 7, reads the encoder's output from a loopback Kestrel endpoint as useChat would.</summary>
[NonParallelizable]
public class UiMessageStreamInteropTests
{
    private const string Script = "read-ui-message-stream.mjs";

    private static readonly Dictionary<string, AgentChatEvent[]> Scenarios = new(StringComparer.Ordinal)
    {
        ["full"] =
        [
            new KeepaliveEvent(),
            new TurnStartEvent("msg-1") { RunId = "run-1" },
            new StepStartEvent(),
            new ReasoningDeltaEvent("otid-r", "Let me "),
            new ReasoningDeltaEvent("otid-r", "look it up."),
            new TextDeltaEvent("otid-t", "Checking"),
            new ToolCallEvent("call-1", "weather", "{\n  \"city\": \"Paris\"\n}"),
            new KeepaliveEvent(),
            new ToolResultEvent("call-1", "18 °C"),
            new ToolCallEvent("call-2", "weather", "{\"city\": "),
            new ToolCallEvent("call-3", "clock", ""),
            new ToolResultEvent("call-3", null),
            new ToolCallEvent("call-4", "clock", "{}"),
            new ToolResultEvent("call-4", "clock offline", IsError: true),
            new StepFinishEvent(),
            new TextDeltaEvent("otid-t2", "It is 18 °C in Paris.\n"),
            new TextDeltaEvent("otid-t2", "Say \"merci\" 😀"),
            StopEvent.FromLetta("end_turn"),
            new UsageEvent(new TokenUsage(120, 30) { StepCount = 2 }, "openai/gpt-4o-mini"),
        ],
        ["error"] =
        [
            new TurnStartEvent("msg-2"),
            new TextDeltaEvent("a", "partial "),
            new TextDeltaEvent("a", "answer"),
            StopEvent.FromLetta("llm_api_error"),
            new ErrorEvent("The assistant is unavailable right now.", "llm_error"),
            new TextDeltaEvent("a", "never sent"),
        ],
        ["abort"] =
        [
            new TurnStartEvent("msg-3"),
            new ReasoningDeltaEvent("r", "thinking"),
            new TextDeltaEvent("t", "half an ans"),
            new AbortEvent("The step limit was reached."),
        ],
    };

    private WebApplication? _app;
    private string _baseAddress = string.Empty;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/chat/{scenario}", async (HttpContext context, string scenario) =>
        {
            foreach (var header in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            await UiMessageStream.WriteAsync(Play(Scenarios[scenario]), context.Response.BodyWriter, context.RequestAborted);
        });
        _app.MapPost("/raw/orphan-delta", (HttpContext context) =>
        {
            context.Response.ContentType = UiMessageStream.ContentType;
            return context.Response.WriteAsync("data: {\"type\":\"start\"}\n\ndata: {\"type\":\"text-delta\",\"id\":\"x\",\"delta\":\"a\"}\n\ndata: [DONE]\n\n");
        });
        await _app.StartAsync();
        _baseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task Response_OverHttp11_CarriesTheHeadersAndIsChunked()
    {
        using var client = new HttpClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{_baseAddress}/chat/abort")) { Content = new StringContent("{}") };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        response.Headers.GetValues("x-vercel-ai-ui-message-stream").Should().Equal("v1");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        response.Headers.GetValues("x-accel-buffering").Should().Equal("no");
        response.Headers.Connection.Should().Contain("keep-alive");
        response.Headers.TransferEncodingChunked.Should().BeTrue();
        response.Content.Headers.ContentLength.Should().BeNull();
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task ReadUIMessageStream_TextReasoningAndTools_RebuildsEveryPart(string major)
    {
        var result = await ReadAsync(major, "full");

        result.GetProperty("id").GetString().Should().Be("msg-1");
        var parts = result.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal(
            "step-start", "reasoning", "text", "tool-weather", "tool-weather", "tool-clock", "tool-clock", "step-start", "text");

        parts[1].GetProperty("text").GetString().Should().Be("Let me look it up.");
        parts[1].GetProperty("state").GetString().Should().Be("done");
        parts[2].GetProperty("text").GetString().Should().Be("Checking");
        parts[2].GetProperty("state").GetString().Should().Be("done");

        ToolPart(parts[3]).Should().Be(("call-1", "output-available"));
        parts[3].GetProperty("input").GetRawText().Should().Be("{\"city\":\"Paris\"}");
        parts[3].GetProperty("output").GetString().Should().Be("18 °C");

        ToolPart(parts[4]).Should().Be(("call-2", "output-error"));
        parts[4].GetProperty("errorText").GetString().Should().Be("The tool input is not valid JSON.");

        ToolPart(parts[5]).Should().Be(("call-3", "output-available"));
        parts[5].GetProperty("input").GetRawText().Should().Be("{}");
        parts[5].GetProperty("output").ValueKind.Should().Be(JsonValueKind.Null);

        ToolPart(parts[6]).Should().Be(("call-4", "output-error"));
        parts[6].GetProperty("errorText").GetString().Should().Be("clock offline");

        parts[8].GetProperty("text").GetString().Should().Be("It is 18 °C in Paris.\nSay \"merci\" 😀");
        parts[8].GetProperty("state").GetString().Should().Be("done");

        var metadata = result.GetProperty("metadata");
        metadata.GetProperty("model").GetString().Should().Be("openai/gpt-4o-mini");
        metadata.GetProperty("usage").GetProperty("totalTokens").GetInt64().Should().Be(150);
        result.GetProperty("chunkTypes").EnumerateArray().Last().GetString().Should().Be("finish");
        result.GetProperty("errorTexts").GetArrayLength().Should().Be(0);
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task ReadUIMessageStream_StreamEndingInError_DeliversTheErrorTextAndNothingAfter(string major)
    {
        var result = await ReadAsync(major, "error");

        result.GetProperty("errorTexts").EnumerateArray().Select(e => e.GetString()).Should().Equal("The assistant is unavailable right now.");
        result.GetProperty("chunkTypes").EnumerateArray().Select(e => e.GetString()).Should().Equal(
            "start", "start-step", "text-start", "text-delta", "text-delta", "text-end", "error");
        var parts = result.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("step-start", "text");
        parts[1].GetProperty("text").GetString().Should().Be("partial answer");
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task ReadUIMessageStream_ServerAbort_KeepsThePartsAndReportsTheReason(string major)
    {
        var result = await ReadAsync(major, "abort");

        result.GetProperty("id").GetString().Should().Be("msg-3");
        result.GetProperty("abortReasons").EnumerateArray().Select(e => e.GetString()).Should().Equal("The step limit was reached.");
        result.GetProperty("chunkTypes").EnumerateArray().Last().GetString().Should().Be("abort");
        var parts = result.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("step-start", "reasoning", "text");
        parts[1].GetProperty("text").GetString().Should().Be("thinking");
        parts[2].GetProperty("text").GetString().Should().Be("half an ans");
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task ReadUIMessageStream_DeltaWithoutStart_IsRejectedByTheReader(string major)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);

        var (exitCode, _, stderr) = await NodeInterop.RunAsync(node, Script, major, $"{_baseAddress}/raw/orphan-delta");

        exitCode.Should().Be(1);
        stderr.Should().Contain("text-delta");
    }

    private static (string? ToolCallId, string? State) ToolPart(JsonElement part) =>
        (part.GetProperty("toolCallId").GetString(), part.GetProperty("state").GetString());

    private static async IAsyncEnumerable<AgentChatEvent> Play(AgentChatEvent[] events)
    {
        foreach (var chatEvent in events)
        {
            await Task.Yield();
            yield return chatEvent;
        }
    }

    private async Task<JsonElement> ReadAsync(string major, string scenario)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, Script, major, $"{_baseAddress}/chat/{scenario}");

        exitCode.Should().Be(0, "ai@{0} must read the stream without a JSON, schema or ordering error; stderr: {1}", major, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }
}
