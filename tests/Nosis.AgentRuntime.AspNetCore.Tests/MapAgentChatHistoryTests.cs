using System.Text.Json;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>MapAgentChatHistory answers the stored messages as the UIMessage[] useChat takes, with the part shapes of the live stream.</summary>
public sealed class MapAgentChatHistoryTests
{
    private ChatEndpointHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await ChatEndpointHost.StartAsync();

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Get_StoredTranscript_IsUiMessagesWithTextReasoningToolPartsAndMetadata()
    {
        var id = _host.AddConversation();
        var at = DateTimeOffset.UnixEpoch;
        await _host.Messages.SaveUserMessageAsync(new UserMessage("u-1", id, "user-1", "What time is it?", at)
        {
            Parts = [new TextPart("What time is it?"), new OpaquePart("data-note", """{"type":"data-note","data":1}""")],
        });
        await _host.Messages.SaveAssistantMessageAsync(new AssistantMessage("a-1", id, "Noon, I think", "gpt-x", new TokenUsage(10, 5), ReplyCompletion.Aborted, at)
        {
            IsTruncated = true,
            Parts =
            [
                new ReasoningPart("Check the clock."),
                new ToolCallPart("call-1", "current_time", """{"zone":"UTC"}"""),
                new ToolResultPart("call-1", "12:00", IsError: false),
                new ToolCallPart("call-2", "broken", "{}"),
                new ToolResultPart("call-2", "It broke.", IsError: true),
                new ToolCallPart("call-3", "never_answered", "{}"),
                new TextPart("Noon, I think"),
            ],
        });
        await _host.Messages.SaveAssistantMessageAsync(new AssistantMessage("a-2", id, "Plain old reply", null, null, ReplyCompletion.Failed, at));

        using var response = await _host.Http.GetAsync(new Uri($"/c/{id}/ui-messages", UriKind.Relative));
        var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        ((int)response.StatusCode).Should().Be(200);
        messages.GetArrayLength().Should().Be(3);
        var user = messages[0];
        user.GetProperty("id").GetString().Should().Be("u-1");
        user.GetProperty("role").GetString().Should().Be("user");
        user.GetProperty("parts")[1].GetRawText().Should().Be("""{"type":"data-note","data":1}""", "parts the runtime does not interpret come back as sent");
        var reply = messages[1];
        var parts = reply.GetProperty("parts").EnumerateArray().ToList();
        parts.Select(p => p.GetProperty("type").GetString()).Should().Equal("reasoning", "tool-current_time", "tool-broken", "tool-never_answered", "text");
        parts[1].GetProperty("state").GetString().Should().Be("output-available");
        parts[1].GetProperty("input").GetProperty("zone").GetString().Should().Be("UTC");
        parts[1].GetProperty("output").GetString().Should().Be("12:00");
        parts[2].GetProperty("state").GetString().Should().Be("output-error");
        parts[2].GetProperty("errorText").GetString().Should().Be("It broke.");
        parts[3].GetProperty("state").GetString().Should().Be("input-available");
        var metadata = reply.GetProperty("metadata");
        metadata.GetProperty("completion").GetString().Should().Be("aborted");
        metadata.GetProperty("truncated").GetBoolean().Should().BeTrue();
        metadata.GetProperty("model").GetString().Should().Be("gpt-x");
        metadata.GetProperty("usage").GetProperty("totalTokens").GetInt64().Should().Be(15);
        messages[2].GetProperty("parts")[0].GetProperty("text").GetString().Should().Be("Plain old reply", "a reply stored without parts reads back as one text part");
        messages[2].GetProperty("metadata").GetProperty("completion").GetString().Should().Be("failed");
    }

    [Test]
    public async Task Get_UnknownConversation_Is404WithABody()
    {
        using var response = await _host.Http.GetAsync(new Uri("/c/nobody/ui-messages", UriKind.Relative));

        ((int)response.StatusCode).Should().Be(404);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString().Should().Be("Conversation not found.");
    }

    [Test]
    public async Task HealthReady_LettaAndStoreAnswer_IsHealthy()
    {
        using var response = await _host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        ((int)response.StatusCode).Should().Be(200);
        (await response.Content.ReadAsStringAsync()).Should().Be("Healthy");
    }

    [Test]
    public async Task HealthReady_LettaUnreachable_IsUnhealthy()
    {
        await _host.Emulator.DisposeAsync();

        using var response = await _host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        ((int)response.StatusCode).Should().Be(503);
        (await response.Content.ReadAsStringAsync()).Should().Be("Unhealthy");
    }
}
