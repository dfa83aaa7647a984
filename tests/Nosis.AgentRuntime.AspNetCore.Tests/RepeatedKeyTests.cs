using System.Text.Json;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>A chat body that repeats a key is read last-wins, as JSON element lookup and the other routes read it; never a 500.</summary>
public sealed class RepeatedKeyTests
{
    [TestCase("""{"content":"a","x":1,"x":2}""", "a")]
    [TestCase("""{"content":"a","content":"b"}""", "b")]
    [TestCase("""{"messages":[{"role":"user","parts":[{"type":"text","text":"hi"}]}],"x":1,"x":2}""", "hi")]
    public void Parse_RepeatedKey_KeepsTheLastValue(string body, string userText)
    {
        using var document = JsonDocument.Parse(body);

        var request = UiChatRequests.Parse(document.RootElement, new AgentChatEndpointOptions());

        request.UserText.Should().Be(userText);
        if (request.AdditionalFields.TryGetValue("x", out var x))
        {
            x.GetInt32().Should().Be(2);
        }
    }

    [Test]
    public async Task Post_RepeatedExtraKey_IsServedNot500()
    {
        await using var host = await ChatEndpointHost.StartAsync();
        var id = host.AddConversation();

        var (status, _, _) = await host.PostAsync($"/c/{id}/chat", """{"content":"a","x":1,"x":2}""");

        status.Should().Be(200);
    }
}
