using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>The real npm 'ai' package, 6 and 7, resumes a reply through its transport's reconnect, as useChat({ resume: true }) does on load, and reads it as one message.</summary>
[NonParallelizable]
public sealed class ResumedStreamInteropTests
{
    private const string Script = "read-ui-message-stream.mjs";
    private static readonly string[] Tokens = [.. Enumerable.Range(0, 30).Select(i => $"w{i} ")];

    private ChatHarness _harness = null!;
    private AgentChatService _service = null!;
    private WebApplication _app = null!;
    private string _baseAddress = string.Empty;
    private TaskCompletionSource _gate = null!;

    [SetUp]
    public async Task SetUp()
    {
        _harness = await ChatHarness.StartAsync();
        _harness.Options.BackgroundRuns = true;
        _harness.Options.DisconnectPolicy = ReplyDisconnectPolicy.ContinueInBackground;
        _service = _harness.CreateService();
        _gate = new TaskCompletionSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/chat/stream", async (HttpContext context) =>
        {
            var reply = await _service.ResumeAsync(_harness.Conversation, cancellationToken: context.RequestAborted);
            if (reply is null)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            foreach (var header in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            _gate.TrySetResult(); // the run goes on while the reader follows it live
            await UiMessageStream.WriteAsync(reply, context.Response.BodyWriter, context.RequestAborted);
        });
        await _app.StartAsync();
        _baseAddress = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task Reconnect_MidReply_ReadsTheWholeReplyAsOneMessageWithItsStoredId(string major)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens(Tokens[..10]).WaitFor(_gate.Task).TextTokens(Tokens[10..]).Build());
        string messageId;
        await using (var stream = await _service.StartAsync(_harness.Request()))
        {
            messageId = stream.AssistantMessageId;
            var deltas = 0;
            await foreach (var chatEvent in stream)
            {
                if (chatEvent is TextDeltaEvent && ++deltas == 5)
                {
                    break; // the page is reloaded mid-reply
                }
            }
        }

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, Script, "--reconnect", major, $"{_baseAddress}/chat/stream");

        exitCode.Should().Be(0, "ai@{0} must read the resumed stream without a JSON, schema or ordering error; stderr: {1}", major, stderr);
        var message = JsonDocument.Parse(stdout).RootElement;
        message.GetProperty("id").GetString().Should().Be(messageId);
        var parts = message.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("step-start", "text");
        parts[1].GetProperty("text").GetString().Should().Be(string.Concat(Tokens));
        message.GetProperty("chunkTypes").EnumerateArray().Select(c => c.GetString()).Should().StartWith(["start", "start-step", "text-start"]).And.EndWith("finish");
        (await _harness.SavedReplyAsync()).Text.Should().Be(string.Concat(Tokens));
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task Reconnect_NoActiveReply_Answers204_WhichTheTransportReadsAsNothingToResume(string major)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, Script, "--reconnect", major, $"{_baseAddress}/chat/stream");

        exitCode.Should().Be(0, stderr);
        stdout.Trim().Should().Be("{\"none\":true}");
    }
}
