using System.Net;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>MapAgentChatResume and MapAgentChatStop on a real Kestrel host with background runs, as useChat's resume and a stop button call them.</summary>
public sealed class MapAgentChatResumeTests
{
    private ChatEndpointHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ChatEndpointHost.StartAsync(runtime: options =>
    {
        options.BackgroundRuns = true;
        options.DisconnectPolicy = ReplyDisconnectPolicy.ContinueInBackground;
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Resume_NoActiveReply_Answers204_UnknownConversation404_BadPosition400()
    {
        var id = _host.AddConversation();

        using var none = await _host.Http.GetAsync(new Uri($"/c/{id}/chat/stream", UriKind.Relative));
        using var unknown = await _host.Http.GetAsync(new Uri("/c/nope/chat/stream", UriKind.Relative));
        using var bad = await _host.Http.GetAsync(new Uri($"/c/{id}/chat/stream?starting_after=-1", UriKind.Relative));

        none.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await none.Content.ReadAsStringAsync()).Should().BeEmpty();
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("starting_after");
    }

    [Test]
    public async Task Resume_ActiveReply_ReplaysItFromTheStartAsTheSameMessageAndFollowsItToTheEnd()
    {
        var id = _host.AddConversation();
        var gate = new TaskCompletionSource();
        _host.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("one ", "two ").WaitFor(gate.Task).TextTokens("three").Build());
        var posting = _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));
        await WaitForActiveRunAsync(id);

        using var resuming = await _host.Http.GetAsync(new Uri($"/c/{id}/chat/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        gate.SetResult();
        var (_, _, original) = await posting;
        var resumed = await resuming.Content.ReadAsStringAsync();

        resuming.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        resuming.Headers.GetValues("x-vercel-ai-ui-message-stream").Should().Equal("v1");

        var messageId = (await StoredReplyAsync(id)).MessageId;
        resumed.Should().StartWith($"data: {{\"type\":\"start\",\"messageId\":\"{messageId}\"}}");
        TextOf(resumed).Should().Be("one two three").And.Be(TextOf(original));
        resumed.Should().Contain("\"type\":\"finish\"").And.EndWith("data: [DONE]\n\n");
    }

    [Test]
    public async Task Stop_ActiveReply_CancelsTheRunAndTheReplyIsStoredAsStopped()
    {
        var id = _host.AddConversation();
        var never = new TaskCompletionSource();
        _host.Emulator.Replies.Enqueue(LettaReply.Create().TextTokens("so ", "far").WaitFor(never.Task).TextTokens("never").Build());
        var posting = _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));
        await WaitForActiveRunAsync(id);

        var (status, contentType, body) = await _host.PostAsync($"/c/{id}/chat/stop", "{}");
        var (_, _, stream) = await posting;

        (status, contentType, body).Should().Be((200, "application/json", "{\"stopped\":true}"));
        stream.Should().Contain("\"messageMetadata\":{\"stopped\":true");
        var stored = await StoredReplyAsync(id);
        stored.Completion.Should().Be(ReplyCompletion.Stopped);
        (await _host.PostAsync($"/c/{id}/chat/stop", "{}")).Body.Should().Be("{\"stopped\":false}");
    }

    private static string TextOf(string uiStream) => string.Concat(
        uiStream.Split("\n\n").Where(e => e.Contains("\"type\":\"text-delta\"", StringComparison.Ordinal))
            .Select(e => System.Text.Json.JsonDocument.Parse(e["data: ".Length..]).RootElement.GetProperty("delta").GetString()));

    private async Task WaitForActiveRunAsync(string conversationId)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await _host.ActiveRuns.GetActiveRunAsync(conversationId) is not null)
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The reply never became active.");
    }

    private async Task<AssistantMessage> StoredReplyAsync(string conversationId)
    {
        for (var i = 0; i < 500; i++)
        {
            if (_host.Messages.GetAssistantMessages(conversationId) is [var reply])
            {
                return reply;
            }

            await Task.Delay(10);
        }

        throw new AssertionException("The reply was never stored.");
    }
}
