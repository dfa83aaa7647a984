using System.Text;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Collects the assistant text of a reply for persistence, keeping at most a cap of characters.</summary>
internal sealed class ReplyTextBuffer
{
    /// <summary>The marker that ends text cut to the cap.</summary>
    public const string TruncationMarker = "\n[… reply truncated]";

    private readonly StringBuilder _text = new();
    private readonly int _cap;

    public ReplyTextBuffer(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, TruncationMarker.Length + 1);
        _cap = cap;
    }

    /// <summary>Gets a value indicating whether more text arrived than the cap keeps.</summary>
    public bool IsTruncated { get; private set; }

    /// <summary>Gets how many characters arrived, kept or not.</summary>
    public long ReceivedLength { get; private set; }

    public void Append(string delta)
    {
        ReceivedLength += delta.Length;
        var room = _cap - TruncationMarker.Length - _text.Length;
        if (delta.Length <= room)
        {
            _text.Append(delta);
            return;
        }

        if (room > 0)
        {
            _text.Append(delta, 0, room);
        }

        IsTruncated = true;
    }

    public override string ToString() => IsTruncated ? _text + TruncationMarker : _text.ToString();
}
