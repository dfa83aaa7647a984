namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>The official <c>@letta-ai/letta-client</c>'s Conversations API, driven by tests/interop/letta-client-conversations.mjs, against the emulator.</summary>
public sealed class LettaClientConversationsInteropTests
{
    private const string ApiKey = "interop-key-789";

    private const string Script = """
        {
          "replies": [
            { "match": "remember", "steps": [
              { "serverTool": { "name": "core_memory_append", "arguments": { "label": "human", "content": "Prefers tea." }, "result": "None" } },
              { "text": "I will remember that." } ] },
            { "match": "slow", "steps": [ { "text": "Taking my time." }, { "delayMs": 1500 } ] }
          ]
        }
        """;

    [Test]
    public async Task OfficialClient_CreatesConversationsStreamsInThemAndListsThem()
    {
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        LettaReplyScript.Parse(Script).ApplyTo(emulator);
        var result = await LettaClientInteropTests.RunScriptAsync("letta-client-conversations.mjs", emulator, ApiKey);
        var created = result["created"]!.AsArray();
        var agentId = (string)created[0]!["agent_id"]!;
        created.Select(c => (string)c!["id"]!).Should().OnlyContain(id => id.StartsWith("conv-", StringComparison.Ordinal)).And.OnlyHaveUniqueItems();
        ((string)created[0]!["description"]!).Should().Be("first thread");
        ((string)created[1]!["summary"]!).Should().Be("second thread");
        ((string)result["firstReply"]!["text"]!).Should().Be("I will remember that.");
        result["firstReply"]!["types"]!.AsArray().Select(t => (string)t!).Should().Contain(["tool_call_message", "tool_return_message", "assistant_message", "stop_reason", "usage_statistics"]);
        ((string)result["secondReply"]!["text"]!).Should().Be("Echo: Hello from the second thread.");
        result["secondReply"]!["deltas"]!.GetValue<int>().Should().BeGreaterThan(1, "stream_tokens gives token deltas on the conversation route too");
        result["listed"]!.AsArray().Select(c => ((string)c!["id"]!, (string)c["agent_id"]!)).Should().Equal(created.Select(c => ((string)c!["id"]!, agentId)));
        result["retrieved"]!["in_context"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
        result["retrieved"]!["last_message_at"].Should().NotBeNull();
        result["secondMessages"]!.AsArray().Select(m => ((string)m!["type"]!, (string?)m["content"])).Where(m => m.Item1 is "user_message" or "assistant_message").Should().Equal(
            [("user_message", "Hello from the second thread."), ("assistant_message", "Echo: Hello from the second thread.")],
            "each conversation has its own history: the first thread's messages are not in the second");
        ((string)result["human"]!).Should().Be("Prefers tea.", "memory written in one conversation is the agent's, shared by all of them");
        result["busy"]!["status"]!.GetValue<int>().Should().Be(409);
        ((string)result["busy"]!["name"]!).Should().Be("ConflictError");
        ((string)result["busy"]!["detail"]!).Should().Contain("is currently being processed for this conversation");
        result["cancelled"]!.AsObject().Should().ContainSingle().Which.Value!.GetValue<string>().Should().Be("cancelled");
        result["missing"]!.GetValue<int>().Should().Be(404);
    }
}
