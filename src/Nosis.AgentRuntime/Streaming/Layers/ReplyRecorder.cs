using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Collects what the stored reply needs from the events of a turn: its text (capped), its token usage and Letta's last stop reason.</summary>
/// <remarks>
/// The text is kept once, in the parts; the stored text is their answer text joined and cut to the cap. The parts keep text and
/// reasoning up to the same cap together, so a reply whose reasoning and text pass the cap stores less text than the cap allows (marked truncated).
/// </remarks>
internal sealed class ReplyRecorder
{
    private readonly ReplyTextCap _text;
    private readonly List<AssistantToolCall> _toolCalls = [];
    private readonly ReplyPartsRecorder _parts;

    public ReplyRecorder(int maxTextLength)
    {
        _text = new ReplyTextCap(maxTextLength);
        _parts = new ReplyPartsRecorder(maxTextLength);
    }

    /// <summary>Gets the reply's parts in the order they streamed (text and reasoning capped like the text).</summary>
    public IReadOnlyList<MessagePart> Parts => _parts.Parts;

    /// <summary>Gets the usage summed over the turn's steps, or <see langword="null"/> when Letta sent none.</summary>
    public TokenUsage? Usage { get; private set; }

    /// <summary>Gets Letta's last stop reason (or the runtime's own <c>max_steps</c>).</summary>
    public string? StopReason { get; private set; }

    /// <summary>Gets how many characters of answer text arrived, kept or not.</summary>
    public long TextLength => _text.ReceivedLength;

    /// <summary>Gets a value indicating whether more text arrived than is kept.</summary>
    public bool IsTruncated => _text.IsTruncated || _parts.TextCut;

    /// <summary>Gets the kept text, with the truncation marker when cut.</summary>
    public string Text => _text.Apply(_parts.JoinText(), IsTruncated);

    /// <summary>Gets the tool calls of the turn, in order, each with its result once it returned.</summary>
    public IReadOnlyList<AssistantToolCall> ToolCalls => _toolCalls;

    public void Observe(AgentChatEvent chatEvent)
    {
        _parts.Observe(chatEvent);
        switch (chatEvent)
        {
            case TextDeltaEvent text:
                _text.Count(text.Delta);
                break;
            case UsageEvent usage:
                Usage = TokenUsageSum.Add(Usage, usage.Usage);
                break;
            case StopEvent stop:
                StopReason = stop.StopReason;
                break;
            case ToolCallEvent call:
                _toolCalls.Add(new AssistantToolCall(call.ToolCallId, call.ToolName, call.ArgumentsJson));
                break;
            case ToolResultEvent result:
                RecordResult(result);
                break;
        }
    }

    /// <remarks>Its own method: a lambda over the result inside <see cref="Observe"/> would allocate a closure for every event.</remarks>
    private void RecordResult(ToolResultEvent result)
    {
        var index = _toolCalls.FindLastIndex(c => c.ToolCallId == result.ToolCallId);
        if (index >= 0)
        {
            _toolCalls[index] = _toolCalls[index] with { Output = result.Output, IsError = result.IsError };
        }
    }
}
