using System.Text.Json;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>MapAgentChat over real HTTP: useChat's body in, the UI message stream out, useChat's ids stored, regenerate in place.</summary>
public sealed class MapAgentChatTests
{
    private ChatEndpointHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ChatEndpointHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Post_UseChatBody_StreamsTheReplyAndStoresTheUserMessageUnderItsClientId()
    {
        var id = _host.AddConversation();
        _host.Emulator.Replies.Enqueue(LettaReply.FromText("Hi back."));

        var (status, contentType, body) = await _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));

        status.Should().Be(200);
        contentType.Should().Be("text/event-stream");
        body.Should().Contain("\"type\":\"text-delta\"").And.EndWith("data: [DONE]\n\n");
        var stored = await StoredAsync(id, 2);
        stored[0].User!.MessageId.Should().Be("u-1");
        stored[0].User!.Parts.Should().Equal(new TextPart("Hi"));
        stored[1].Assistant!.Text.Should().Be("Hi back.");
    }

    [Test]
    public async Task Post_ShortContentForm_IsServedLikeUseChatsBody()
    {
        var id = _host.AddConversation();
        _host.Emulator.Replies.Enqueue(LettaReply.FromText("Short form works."));

        var (status, _, body) = await _host.PostAsync($"/c/{id}/chat", """{"content":"Hello"}""");

        status.Should().Be(200);
        body.Should().Contain("\"type\":\"finish\"");
        var stored = await StoredAsync(id, 2);
        stored[0].User!.Content.Should().Be("Hello");
        stored[1].Assistant!.Text.Should().Be("Short form works.");
    }

    [Test]
    public async Task Post_SameUserMessageIdResent_IsStoredOnce()
    {
        var id = _host.AddConversation();

        await _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));
        await StoredAsync(id, 2);
        await _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));

        var stored = await StoredAsync(id, 3);
        stored.Count(m => m.User is not null).Should().Be(1, "a re-sent useChat id is the same message");
    }

    [Test]
    public async Task Post_RegenerateMessage_ReplacesTheLastReplyUnderItsId()
    {
        var id = _host.AddConversation();
        _host.Emulator.Replies.Enqueue(LettaReply.FromText("First answer."));
        _host.Emulator.Replies.Enqueue(LettaReply.FromText("Second answer."));
        await _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Question")));
        var first = (await StoredAsync(id, 2))[1].Assistant!;

        var (status, _, body) = await _host.PostAsync($"/c/{id}/chat", UseChat.Regenerate(id, first.MessageId, ("u-1", "user", "Question")));

        status.Should().Be(200);
        body.Should().Contain($"\"messageId\":\"{first.MessageId}\"");
        var stored = await StoredAsync(id, 2, m => m[^1].Assistant?.Text == "Second answer.");
        stored.Select(m => m.MessageId).Should().Equal("u-1", first.MessageId);
        stored[1].Assistant!.Text.Should().Be("Second answer.");
    }

    [Test]
    public async Task Post_StreamFailsAfterTheFirstByte_EndsWithAnErrorChunk()
    {
        var id = _host.AddConversation();
        _host.Emulator.Replies.Enqueue(LettaReply.Create().Text("Partial").Error("llm_error", "provider down").Build());

        var (status, _, body) = await _host.PostAsync($"/c/{id}/chat", UseChat.Submit(id, ("u-1", "user", "Hi")));

        status.Should().Be(200, "the status was sent before the failure");
        var chunks = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(c => c.StartsWith("data: {", StringComparison.Ordinal))
            .Select(c => JsonDocument.Parse(c["data: ".Length..]).RootElement.GetProperty("type").GetString()).ToList();
        chunks.Should().Contain("error");
        body.Should().NotContain("provider down", "Letta's own message is not shown to the browser");
        (await StoredAsync(id, 2))[1].Assistant!.Completion.Should().Be(ReplyCompletion.Failed);
    }

    private async Task<IReadOnlyList<ConversationMessage>> StoredAsync(string conversationId, int count, Func<IReadOnlyList<ConversationMessage>, bool>? also = null)
    {
        // The reply is saved in the background once the stream ends.
        for (var i = 0; i < 200; i++)
        {
            var messages = await _host.Messages.ReadMessagesAsync(conversationId, 100);
            if (messages.Count == count && (also is null || also(messages)))
            {
                return messages;
            }

            await Task.Delay(25);
        }

        return await _host.Messages.ReadMessagesAsync(conversationId, 100);
    }
}
