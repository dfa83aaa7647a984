using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Tests.Letta;

public sealed class LettaFrameReaderTests
{
    [Test]
    public void ReadSse_TokenDelta_StaysFieldsWithTheEnvelopeStringsReusedFromTheFrameBefore()
    {
        var reader = new LettaFrameReader();
        const string Envelope = "\"id\":\"message-1\",\"date\":\"2026-09-01T12:00:00+00:00\",\"message_type\":\"assistant_message\",\"otid\":\"1-0\",\"run_id\":\"run-1\",\"seq_id\":\"7\"";

        var first = reader.ReadSse("message", Utf8($"{{{Envelope},\"content\":\"Hel\"}}"));
        var second = reader.ReadSse("message", Utf8($"{{{Envelope},\"content\":\"lo\",\"unknown_field\":[1,{{\"x\":2}}]}}"));

        second.Kind.Should().Be(LettaFrameKind.TextDelta);
        (second.Text, second.Otid, second.RunId, second.SeqId).Should().Be(("lo", "1-0", "run-1", 7L));
        second.Item.Should().BeNull();
        ReferenceEquals(first.Id, second.Id).Should().BeTrue();
        second.ToItem().Should().BeEquivalentTo(new LettaAssistantMessage("lo")
        {
            Id = "message-1", Otid = "1-0", RunId = "run-1", SeqId = 7, Date = new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero),
        });
    }

    [Test]
    public void ReadSse_EnvelopeValueEscapedOrChanged_IsReadAsItsUnescapedText()
    {
        var reader = new LettaFrameReader();

        var plain = reader.ReadSse("message", Utf8("{\"message_type\":\"assistant_message\",\"otid\":\"o-1\",\"run_id\":\"run-1\",\"content\":\"a\"}"));
        var escaped = reader.ReadSse("message", Utf8("{\"message_type\":\"assistant_message\",\"otid\":\"o-\\u0031\",\"run_id\":\"run-1\",\"content\":\"b\"}"));
        var changed = reader.ReadSse("message", Utf8("{\"message_type\":\"assistant_message\",\"otid\":\"o-2\",\"run_id\":\"run-\\u00e9\",\"content\":\"c\"}"));
        var back = reader.ReadSse("message", Utf8("{\"message_type\":\"assistant_message\",\"otid\":\"o-2\",\"run_id\":\"run-\u00e9\",\"content\":\"d\"}"));

        (plain.Otid, escaped.Otid, changed.Otid, back.Otid).Should().Be(("o-1", "o-1", "o-2", "o-2"));
        (plain.RunId, escaped.RunId, changed.RunId, back.RunId).Should().Be(("run-1", "run-1", "run-\u00e9", "run-\u00e9"));
        ReferenceEquals(plain.Otid, escaped.Otid).Should().BeTrue();
    }

    [TestCase("message", "[DONE]", "Done")]
    [TestCase("message", " [DONE]\r\n", "Done")]
    [TestCase("heartbeat", "{\"not\":\"read\"", "Skipped")]
    [TestCase("cancelled", "{\"message\":\"Run was cancelled\"}", "Item")]
    [TestCase("message", "{\"message_type\":\"reasoning_message\",\"reasoning\":\"hm\"}", "ReasoningDelta")]
    [TestCase("message", "{\"message_type\":\"stop_reason\",\"stop_reason\":\"end_turn\"}", "Item")]
    public void ReadSse_Frame_IsClassified(string eventType, string data, string expected)
    {
        new LettaFrameReader().ReadSse(eventType, Utf8(data)).Kind.ToString().Should().Be(expected);
    }

    [TestCase("[1,2]")]
    [TestCase("\"text\"")]
    [TestCase("{\"message_type\":\"assistant_message\",\"content\":\"x\"} {}")]
    [TestCase("{\"message_type\":\"assistant_message\",\"content\":\"x\"")]
    [TestCase("{\"message_type\":\"usage_statistics\",\"prompt_tokens\":\"many\"}")]
    public void ReadItem_MalformedMessage_Throws(string json)
    {
        var act = () => LettaFrameReader.ReadItem(Utf8(json));

        act.Should().Throw<JsonException>();
    }

    [Test]
    public void ReadItem_UsageWithNumbersAsStrings_ReadsThem()
    {
        var usage = LettaFrameReader.ReadItem(Utf8("{\"message_type\":\"usage_statistics\",\"prompt_tokens\":\"12\",\"completion_tokens\":3,\"step_count\":2,\"reasoning_tokens\":null}"));

        usage.Should().BeEquivalentTo(new LettaUsageStatistics { PromptTokens = 12, CompletionTokens = 3, TotalTokens = 15, StepCount = 2 });
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
