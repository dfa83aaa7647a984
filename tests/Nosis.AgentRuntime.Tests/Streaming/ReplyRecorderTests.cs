using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

public sealed class ReplyRecorderTests
{
    [Test]
    public void Text_TextAroundReasoningAndAToolCall_IsTheAnswerTextJoinedInOrder()
    {
        var recorder = new ReplyRecorder(1000);
        recorder.Observe(new ReasoningDeltaEvent("r1", "thinking"));
        recorder.Observe(new TextDeltaEvent("t1", "Hello, "));
        recorder.Observe(new TextDeltaEvent("t1", "world."));
        recorder.Observe(new ToolCallEvent("call-1", "search", "{}"));
        recorder.Observe(new TextDeltaEvent("t2", " Done."));

        recorder.Text.Should().Be("Hello, world. Done.");
        recorder.Parts.Should().Equal(
            new ReasoningPart("thinking"), new TextPart("Hello, world."), new ToolCallPart("call-1", "search", "{}"), new TextPart(" Done."));
    }

    [Test]
    public void Text_ReadWhileAPartIsOpen_DoesNotSplitThatPart()
    {
        var recorder = new ReplyRecorder(1000);
        recorder.Observe(new TextDeltaEvent("t1", "Hel"));

        recorder.Text.Should().Be("Hel");
        recorder.Observe(new TextDeltaEvent("t1", "lo"));

        recorder.Text.Should().Be("Hello");
        recorder.Parts.Should().Equal(new TextPart("Hello"));
    }

    [Test]
    public void Text_MoreTextThanTheCap_IsCutToTheCapAndEndsWithTheMarker()
    {
        var recorder = new ReplyRecorder(1000);
        for (var i = 0; i < 30; i++)
        {
            recorder.Observe(new TextDeltaEvent("t1", new string('y', 100)));
        }

        recorder.IsTruncated.Should().BeTrue();
        recorder.TextLength.Should().Be(3000);
        recorder.Text.Should().HaveLength(1000).And.EndWith("[… reply truncated]").And.StartWith(new string('y', 900));
    }

    [Test]
    public void Text_ReasoningTookMostOfTheCap_IsMarkedTruncatedAndEndsWithTheMarker()
    {
        var recorder = new ReplyRecorder(1000);
        recorder.Observe(new ReasoningDeltaEvent("r1", new string('r', 900)));
        recorder.Observe(new TextDeltaEvent("t1", new string('t', 500)));

        recorder.IsTruncated.Should().BeTrue("the shared cap kept 100 of the 500 characters of text");
        recorder.Text.Should().Be(new string('t', 100) + "\n[… reply truncated]");
        recorder.Parts.Should().Equal(new ReasoningPart(new string('r', 900)), new TextPart(new string('t', 100)));
    }

    [Test]
    public void Text_ExactlyAsLongAsTheCapKeepsBeforeTheMarker_IsKeptWhole()
    {
        var kept = 1000 - "\n[… reply truncated]".Length;
        var recorder = new ReplyRecorder(1000);
        recorder.Observe(new TextDeltaEvent("t1", new string('z', kept)));

        recorder.IsTruncated.Should().BeFalse();
        recorder.Text.Should().Be(new string('z', kept));
    }
}
