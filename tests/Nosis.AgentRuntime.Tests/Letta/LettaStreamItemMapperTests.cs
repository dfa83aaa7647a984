using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Tests.Letta;

public sealed class LettaStreamItemMapperTests
{
    [Test]
    public void Map_UnknownMessageType_IsToleratedAsUnknownItem()
    {
        var item = Map("{\"message_type\":\"brand_new_message\",\"id\":\"message-1\",\"state\":\"redacted\",\"brand_new\":{\"x\":1}}");

        item.Should().BeOfType<LettaUnknownItem>().Which.MessageType.Should().Be("brand_new_message");
        item.Id.Should().Be("message-1");
    }

    [Test]
    public void Map_AssistantContentAsTextParts_JoinsTheText()
    {
        var item = Map("{\"message_type\":\"assistant_message\",\"content\":[{\"type\":\"text\",\"text\":\"Hel\"},{\"type\":\"text\",\"text\":\"lo\",\"signature\":null}],\"date\":\"2025-10-02T18:07:41+00:00\",\"seq_id\":4}");

        item.Should().BeOfType<LettaAssistantMessage>().Which.Content.Should().Be("Hello");
        item.Date.Should().Be(new DateTimeOffset(2025, 10, 2, 18, 7, 41, TimeSpan.Zero));
        item.SeqId.Should().Be(4);
    }

    [TestCase("{\"message_type\":\"tool_call_message\",\"tool_calls\":{\"tool_call_id\":\"c1\",\"name\":null,\"arguments\":\"{\\\"a\"}}")]
    [TestCase("{\"message_type\":\"tool_call_message\",\"tool_calls\":[{\"tool_call_id\":\"c1\",\"arguments\":\"{\\\"a\"}]}")]
    [TestCase("{\"message_type\":\"tool_call_message\",\"tool_call\":{\"tool_call_id\":\"c1\",\"arguments\":\"{\\\"a\"}}")]
    public void Map_ToolCallDeltaInAnyShape_ReadsTheCall(string json)
    {
        var item = Map(json).Should().BeOfType<LettaToolCallMessage>().Subject;

        item.ToolCalls.Should().ContainSingle().Which.Should().Be(new LettaToolCall("c1", null, "{\"a"));
    }

    [Test]
    public void Map_ConsecutiveDeltas_KeepEveryEnvelopeFieldAndText()
    {
        var first = Map("{\"id\":\"message-1\",\"date\":\"2026-09-01T12:00:00+00:00\",\"message_type\":\"assistant_message\",\"otid\":\"1-0\",\"step_id\":\"step-1\",\"run_id\":\"run-1\",\"content\":\"Hel\"}");
        var second = Map("{\"id\":\"message-1\",\"date\":\"2026-09-01T12:00:00+00:00\",\"message_type\":\"assistant_message\",\"otid\":\"1-0\",\"step_id\":\"step-1\",\"run_id\":\"run-1\",\"content\":\"lo\"}");
        var escaped = Map("{\"id\":\"message-\\u0032\",\"message_type\":\"assistant\\u005fmessage\",\"otid\":\"2-0\",\"run_id\":\"run-1\",\"content\":null}");

        second.Should().BeEquivalentTo(new LettaAssistantMessage("lo")
        {
            Id = "message-1", Otid = "1-0", StepId = "step-1", RunId = "run-1", Date = new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero),
        });
        ((LettaAssistantMessage)first).Content.Should().Be("Hel");
        escaped.Should().BeOfType<LettaAssistantMessage>().Which.Content.Should().BeEmpty();
        escaped.Id.Should().Be("message-2");
        escaped.StepId.Should().BeNull();
    }

    [Test]
    public void Map_EnvelopeFieldOfWrongType_IsMalformed()
    {
        var act = () => Map("{\"id\":42,\"message_type\":\"assistant_message\",\"content\":\"x\"}");

        act.Should().Throw<JsonException>();
    }

    [Test]
    public void Map_ErrorEventInWrapperShape_ReadsMessageAndCode()
    {
        var wire = Encoding.UTF8.GetBytes("{\"error\":\"boom\",\"code\":\"INTERNAL_SERVER_ERROR\"}");

        var error = LettaFrameReader.ReadItem(wire, isErrorEvent: true).Should().BeOfType<LettaStreamError>().Subject;

        (error.Message, error.Code).Should().Be(("boom", "INTERNAL_SERVER_ERROR"));
    }

    private static LettaStreamItem Map(string json) => LettaFrameReader.ReadItem(Encoding.UTF8.GetBytes(json));
}
