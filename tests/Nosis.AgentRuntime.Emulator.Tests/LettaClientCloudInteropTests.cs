namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>
/// The official <c>@letta-ai/letta-client</c> 1.12.1, driven by tests/interop/letta-client-cloud.mjs the way Letta's current client
/// uses Cloud: the <c>default</c> conversation with <c>agent_id</c>, compaction messages, approvals both ways, and the
/// conversation stream route.
/// </summary>
public sealed class LettaClientCloudInteropTests
{
    private const string ApiKey = "interop-key-cloud";

    private const string Script = """
        {
          "replies": [
            { "match": "compact", "steps": [ { "compaction": "Earlier: the user said hello." }, { "responseState": true }, { "text": "Compacted and ready." } ] },
            { "match": "weather", "steps": [ { "clientTool": { "name": "get_weather", "arguments": { "city": "Oslo" } } }, { "text": "It is sunny in Oslo." } ] },
            { "match": "Delete", "steps": [ { "clientTool": { "name": "delete_file", "arguments": { "path": "old.txt" } } }, { "text": "I left the file alone." } ] },
            { "match": "story", "steps": [ { "text": "Once upon a time there was a very long story that went on and on until it ended." } ] }
          ]
        }
        """;

    [Test]
    public async Task OfficialClient_DefaultConversationCompactionApprovalsAndConversationStream_WorkAgainstTheEmulator()
    {
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        LettaReplyScript.Parse(Script).ApplyTo(emulator);

        var result = await LettaClientInteropTests.RunScriptAsync("letta-client-cloud.mjs", emulator, ApiKey);

        var compaction = result["compaction"]!;
        compaction["types"]!.AsArray().Select(t => (string)t!).Where(t => t is "event_message" or "summary_message" or "response_state" or "assistant_message")
            .Distinct().Should().Equal("event_message", "summary_message", "response_state", "assistant_message");
        ((string)compaction["compaction"]!["event_type"]!).Should().Be("compaction");
        ((string)compaction["compaction"]!["trigger"]!).Should().Be("context_window_exceeded");
        ((string)compaction["compaction"]!["summary"]!).Should().Be("Earlier: the user said hello.");
        compaction["compaction"]!["stats"]!["messages_count_before"]!.GetValue<int>().Should().BePositive();
        ((string)compaction["text"]!).Should().Be("Compacted and ready.");
        emulator.Requests.Should().Contain(r => r.Path == "/v1/conversations/default/messages" && r.StatusCode == 200);

        var toolReturn = result["toolReturn"]!;
        ((string)toolReturn["asked"]!).Should().Be("requires_approval");
        toolReturn["returns"]!.AsArray().Should().ContainSingle().Which!["tool_return"]!.GetValue<string>().Should().Be("Sunny, 21 C");
        ((string)toolReturn["text"]!).Should().Be("It is sunny in Oslo.");

        var denied = result["denied"]!;
        ((string)denied["asked"]!).Should().Be("requires_approval");
        var deniedReturn = denied["returns"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)deniedReturn["status"]!).Should().Be("error");
        ((string)deniedReturn["tool_return"]!).Should().Contain("Not today.");
        ((string)denied["text"]!).Should().Be("I left the file alone.");

        var resumed = result["resumed"]!;
        ((string)resumed["firstText"]! + (string)resumed["restText"]!).Should().Be("Once upon a time there was a very long story that went on and on until it ended.",
            "the conversation's stream found the run by its otid and went on after the last sequence id read: nothing lost, nothing repeated");
        ((string)resumed["stopReason"]!).Should().Be("end_turn");
        emulator.Requests.Should().Contain(r => r.Path == "/v1/conversations/default/stream" && r.StatusCode == 200);
        result["idleStream"]!.GetValue<int>().Should().Be(404);
        emulator.Runs().Should().HaveCount(6, "six sends, each run once");
    }
}
