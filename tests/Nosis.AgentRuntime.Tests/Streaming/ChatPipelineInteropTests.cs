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
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>The whole pipeline against the real AI SDK reader: emulator → chat service → encoder → loopback HTTP → <c>ai</c>.</summary>
/// <remarks>Run in both agent models: a conversation-mode turn (scope User, through the Conversations endpoints) must read exactly as an agent-mode one.</remarks>
[TestFixture(AgentScope.Conversation)]
[TestFixture(AgentScope.User)]
public sealed class ChatPipelineInteropTests(AgentScope scope)
{
    private ChatHarness _harness = null!;
    private WebApplication _app = null!;
    private string _chatUrl = string.Empty;

    [SetUp]
    public async Task SetUp()
    {
        _harness = await ChatHarness.StartAsync(scope: scope);
        var service = _harness.CreateService();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/chat", async (HttpContext context) =>
        {
            foreach (var header in UiMessageStream.GetResponseHeaders(context.Request.Protocol))
            {
                context.Response.Headers[header.Key] = header.Value;
            }

            try
            {
                await UiMessageStream.WriteAsync(service.StreamAsync(_harness.Request("Hi"), context.RequestAborted), context.Response.BodyWriter, context.RequestAborted);
            }
            catch (Exception) when (context.Response.HasStarted)
            {
                // The error chunk has been written; the test reads what the client saw.
            }
        });
        await _app.StartAsync();
        _chatUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/chat";
    }

    [TearDown]
    public async Task TearDown()
    {
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task UseChatReader_FullReplyFromTheEmulator_RebuildsTheReasoningTextAndToolPartsLettaSent(string major)
    {
        _harness.Tools.DefineTool("weather", ToolScope.Global, args => ToolResult.Success("18 °C"));
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .Reasoning("Let me check the weather.")
            .ClientToolCall("weather", """{"city":"Paris"}""", "call_w")
            .Text("It is 18 °C in Paris.\nSay \"merci\" 😀")
            .Usage(40, 12)
            .Build());

        var result = await ReadAsync(major);

        var parts = result.GetProperty("parts").EnumerateArray().ToList();
        parts.Where(p => p.GetProperty("type").GetString() == "reasoning").Select(p => p.GetProperty("text").GetString())
            .Should().Equal("Let me check the weather.");
        var tool = parts.Single(p => p.GetProperty("type").GetString() == "tool-weather");
        tool.GetProperty("toolCallId").GetString().Should().Be("call_w");
        tool.GetProperty("state").GetString().Should().Be("output-available");
        tool.GetProperty("input").GetProperty("city").GetString().Should().Be("Paris");
        tool.GetProperty("output").GetString().Should().Be("18 °C");
        string.Concat(parts.Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()))
            .Should().Be("It is 18 °C in Paris.\nSay \"merci\" 😀");
        result.GetProperty("errorTexts").GetArrayLength().Should().Be(0);
        var saved = await _harness.SavedReplyAsync();
        saved.Text.Should().Be("It is 18 °C in Paris.\nSay \"merci\" 😀");
        var inputTokens = result.GetProperty("metadata").GetProperty("usage").GetProperty("inputTokens").GetInt64();
        inputTokens.Should().Be(saved.Usage!.InputTokens, "usage is summed over the tool round trip's two requests")
            .And.BeGreaterThanOrEqualTo(40);
    }

    [TestCase("6")]
    [TestCase("7")]
    public async Task UseChatReader_ReplyEndingInALettaError_DeliversARedactedErrorAfterThePartialText(string major)
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("Partial ", "answer").Error("llm_error", $"provider said no to {ChatHarness.ApiKey}").Build());

        var result = await ReadAsync(major);

        var text = result.GetProperty("parts").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "text")
            .Select(p => p.GetProperty("text").GetString());
        string.Concat(text).Should().Be("Partial answer");
        var errors = result.GetProperty("errorTexts").EnumerateArray().Select(e => e.GetString()).ToList();
        errors.Should().ContainSingle().Which.Should().NotContain("provider").And.NotContain(ChatHarness.ApiKey);
        (await _harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Failed);
    }

    private async Task<JsonElement> ReadAsync(string major)
    {
        var node = NodeInterop.RequireNodeWith("ai" + major);

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, "read-ui-message-stream.mjs", major, _chatUrl);

        exitCode.Should().Be(0, "ai@{0} must read the stream without a JSON, schema or ordering error; stderr: {1}", major, stderr);
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.Clone();
    }
}
