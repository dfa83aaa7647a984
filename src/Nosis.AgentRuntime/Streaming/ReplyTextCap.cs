namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The persistence cap of a reply's answer text: counts the text as it arrives and cuts the stored text to the cap, ending it with
/// a marker when more arrived than is kept. The text itself is kept once, by the reply's parts.
/// </summary>
internal sealed class ReplyTextCap
{
    /// <summary>The marker that ends text cut to the cap.</summary>
    public const string TruncationMarker = "\n[… reply truncated]";

    private readonly int _kept;

    public ReplyTextCap(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, TruncationMarker.Length + 1);
        _kept = cap - TruncationMarker.Length;
    }

    /// <summary>Gets a value indicating whether more text arrived than the cap keeps.</summary>
    public bool IsTruncated => ReceivedLength > _kept;

    /// <summary>Gets how many characters arrived, kept or not.</summary>
    public long ReceivedLength { get; private set; }

    public void Count(string delta) => ReceivedLength += delta.Length;

    /// <summary>Cuts the reply's text to the cap and ends it with the marker when <paramref name="truncated"/>.</summary>
    /// <param name="text">The answer text the parts kept.</param>
    /// <param name="truncated">Whether any text was left out: more than the cap keeps arrived, or the parts' shared cap cut it.</param>
    public string Apply(string text, bool truncated) => truncated ? string.Concat(text.AsSpan(0, Math.Min(text.Length, _kept)), TruncationMarker) : text;
}
