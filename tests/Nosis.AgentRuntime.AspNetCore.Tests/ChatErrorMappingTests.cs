using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>Every refusal answers its status with problem details whose <c>error</c> useChat shows; nothing a caller sends gives a 5xx.</summary>
public sealed class ChatErrorMappingTests
{
    private ChatEndpointHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ChatEndpointHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [TestCase("""{"messages":[{"id":"u","role":"user","parts":[{"type":"text","text":"   "}]}]}""", "no text")]
    [TestCase("""{"messages":[{"id":"u","role":"user","parts":[{"type":"text","text":null}]}]}""", "no text")]
    [TestCase("""{"content":null}""", "Send either")]
    [TestCase("""{"content":"  "}""", "'content'")]
    [TestCase("""{"messages":[{"role":"assistant","parts":[]}]}""", "role 'user'")]
    [TestCase("""{"messages":"nope"}""", "must be an array")]
    [TestCase("""{"messages":[{"role":"user","parts":[{"text":"no type"}]}]}""", "'type'")]
    [TestCase("""{"trigger":"explode","content":"x"}""", "'trigger'")]
    [TestCase("""{"content":"x","messageId":"bad\u0001id"}""", "'messageId'")]
    [TestCase("""[1,2]""", "JSON object")]
    [TestCase("""{"content": "x" """, "not valid JSON")]
    public async Task Post_BadBody_Is400WithAMessageNamingTheProblem(string body, string mentions)
    {
        var id = _host.AddConversation();

        var (status, contentType, text) = await _host.PostAsync($"/c/{id}/chat", body);

        status.Should().Be(400);
        contentType.Should().Be("application/problem+json");
        ErrorOf(text).Should().Contain(mentions);
        (await _host.Messages.ReadMessagesAsync(id, 10)).Should().BeEmpty("a refused turn stores nothing");
    }

    [Test]
    public async Task Post_BodyOverTheLimit_Is413()
    {
        var id = _host.AddConversation();

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", JsonSerializer.Serialize(new { content = new string('x', 70_000) }));

        status.Should().Be(413);
        ErrorOf(text).Should().Contain("limit of 65536 bytes");
    }

    [Test]
    public async Task Post_UserTextOverTheLimit_Is400()
    {
        var id = _host.AddConversation();

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", JsonSerializer.Serialize(new { content = new string('x', 40_000) }));

        status.Should().Be(400);
        ErrorOf(text).Should().Contain("more than 32000 characters");
    }

    [Test]
    public async Task Post_NotJson_Is415()
    {
        var id = _host.AddConversation();

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", "content=hi", "application/x-www-form-urlencoded");

        status.Should().Be(415);
        ErrorOf(text).Should().Contain("JSON");
    }

    [Test]
    public async Task Post_UnknownConversation_Is404WithABody()
    {
        var (status, _, text) = await _host.PostAsync("/c/nobody/chat", """{"content":"x"}""");

        status.Should().Be(404);
        ErrorOf(text).Should().Be("Conversation not found.");
        JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32().Should().Be(404, "the body is also problem details");
    }

    [Test]
    public async Task Post_LocalTargetOnTheWorkerSurface_Is400()
    {
        var id = _host.AddConversation(ExecutionTarget.Local);

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", """{"content":"x"}""");

        status.Should().Be(400);
        ErrorOf(text).Should().Contain("execution target");
    }

    [Test]
    public async Task Post_WhileAnotherTurnOfTheConversationStreams_Is409()
    {
        var id = _host.AddConversation();
        var release = new TaskCompletionSource();
        _host.Emulator.Replies.Enqueue(LettaReply.Create().Text("Busy ").WaitFor(release.Task).Text("done.").Build());
        var first = _host.PostAsync($"/c/{id}/chat", """{"content":"one"}""");
        await WaitUntilAsync(() => _host.Messages.Count == 1); // the user message is saved once the turn holds the conversation

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", """{"content":"two"}""");
        release.SetResult();
        await first;

        status.Should().Be(409);
        ErrorOf(text).Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public async Task Post_LettaRefusesTheAgent_Is502()
    {
        var id = _host.AddConversation();
        _host.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 403, body: """{"detail":"forbidden"}""");

        var (status, _, text) = await _host.PostAsync($"/c/{id}/chat", """{"content":"x"}""");

        status.Should().Be(502);
        ErrorOf(text).Should().Contain("refused").And.Contain("403");
    }

    [Test]
    public async Task Post_MessageStoreUnavailable_Is503()
    {
        var missing = Path.Combine(Path.GetTempPath(), "nosis-missing-" + Guid.NewGuid().ToString("N"), "runtime.db");
        await using var database = AgentRuntimeDatabase.CreateSqlite(missing);
        await using var host = await ChatEndpointHost.StartAsync(services => services.AddSingleton<IMessageStore>(database.Messages));
        var id = host.AddConversation();

        var (status, _, text) = await host.PostAsync($"/c/{id}/chat", """{"content":"x"}""");

        status.Should().Be(503);
        ErrorOf(text).Should().Contain("message store is unavailable");
    }

    private static string ErrorOf(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
