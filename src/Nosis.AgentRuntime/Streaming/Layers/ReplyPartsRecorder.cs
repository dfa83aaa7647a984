using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Collects a reply's parts in the order they streamed: deltas of one text or reasoning part joined, each tool call once, each result once.</summary>
/// <remarks>Text and reasoning are kept up to the persistence cap together; tool calls and results are always kept.</remarks>
internal sealed class ReplyPartsRecorder(int maxTextLength)
{
    private readonly List<MessagePart> _parts = [];
    private readonly HashSet<string> _calls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _results = new(StringComparer.Ordinal);
    private System.Text.StringBuilder? _open;
    private string? _openId;
    private bool _openIsReasoning;
    private long _kept;

    /// <summary>Gets the parts so far, the open text or reasoning part included.</summary>
    public IReadOnlyList<MessagePart> Parts
    {
        get
        {
            Close();
            return [.. _parts];
        }
    }

    /// <summary>Gets a value indicating whether answer text arrived that the cap did not keep.</summary>
    public bool TextCut { get; private set; }

    /// <summary>Joins the answer text of the parts so far, the open part included, without closing it.</summary>
    public string JoinText()
    {
        var open = _open is not null && !_openIsReasoning ? _open : null;
        var length = open?.Length ?? 0;
        foreach (var part in _parts)
        {
            length += part is TextPart text ? text.Text.Length : 0;
        }

        return string.Create(length, (_parts, open), static (chars, state) =>
        {
            foreach (var part in state._parts)
            {
                if (part is TextPart text)
                {
                    text.Text.CopyTo(chars);
                    chars = chars[text.Text.Length..];
                }
            }

            state.open?.CopyTo(0, chars, state.open.Length);
        });
    }

    public void Observe(AgentChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case TextDeltaEvent text:
                Append(text.PartId, text.Delta, reasoning: false);
                break;
            case ReasoningDeltaEvent reasoning:
                Append(reasoning.PartId, reasoning.Delta, reasoning: true);
                break;
            case ToolCallEvent call when _calls.Add(call.ToolCallId):
                Close();
                _parts.Add(new ToolCallPart(call.ToolCallId, call.ToolName, call.ArgumentsJson));
                break;
            case CompactionEvent compaction:
                Close();
                _parts.Add(new OpaquePart(CompactionPart.Type, CompactionPart.ToJson(compaction)));
                break;
            case ToolResultEvent result when _results.Add(result.ToolCallId):
                Close();
                _parts.Add(new ToolResultPart(result.ToolCallId, result.Output, result.IsError));
                break;
        }
    }

    private void Append(string partId, string delta, bool reasoning)
    {
        if (_open is null || _openIsReasoning != reasoning || !string.Equals(_openId, partId, StringComparison.Ordinal))
        {
            Close();
            _open = new System.Text.StringBuilder();
            _openId = partId;
            _openIsReasoning = reasoning;
        }

        var room = maxTextLength - _kept;
        var kept = room <= 0 ? string.Empty : delta.Length <= room ? delta : delta[..(int)room];
        _open.Append(kept);
        _kept += kept.Length;
        TextCut |= !reasoning && kept.Length < delta.Length;
    }

    private void Close()
    {
        if (_open is { Length: > 0 })
        {
            _parts.Add(_openIsReasoning ? new ReasoningPart(_open.ToString()) : new TextPart(_open.ToString()));
        }

        _open = null;
        _openId = null;
    }
}
