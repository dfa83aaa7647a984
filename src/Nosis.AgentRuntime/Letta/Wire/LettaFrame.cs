using System.Globalization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>What one SSE frame of a reply stream held: a token delta kept as plain fields (no object), a typed item, or a frame to pass over.</summary>
/// <remarks>
/// A delta becomes a heap object only once, as the chat event the streaming pipeline makes of it, or as a typed item via
/// <see cref="ToItem"/>. The struct is kept small (a delta's ids live in a shared <see cref="LettaFrameEnvelope"/>), since it is
/// copied at every level of the stream.
/// </remarks>
internal readonly struct LettaFrame
{
    private static readonly LettaFrameEnvelope NoEnvelope = new(null, null, null, null, null);

    private readonly object? _payload;

    private LettaFrame(LettaFrameKind kind, object? payload, string? text, long? seqId)
    {
        Kind = kind;
        _payload = payload;
        Text = text;
        SeqId = seqId;
    }

    public LettaFrameKind Kind { get; }

    /// <summary>Gets the typed item, for <see cref="LettaFrameKind.Item"/>.</summary>
    public LettaStreamItem? Item => _payload as LettaStreamItem;

    /// <summary>Gets the delta text, for the two delta kinds.</summary>
    public string? Text { get; }

    public string? Id => Item?.Id ?? Envelope.Id;

    public string? Otid => Item?.Otid ?? Envelope.Otid;

    public string? RunId => Item?.RunId ?? Envelope.RunId;

    public string? StepId => Item?.StepId ?? Envelope.StepId;

    public long? SeqId { get; }

    private LettaFrameEnvelope Envelope => _payload as LettaFrameEnvelope ?? NoEnvelope;

    public static LettaFrame Done => new(LettaFrameKind.Done, null, null, null);

    public static LettaFrame Skipped => new(LettaFrameKind.Skipped, null, null, null);

    public static LettaFrame Of(LettaStreamItem item) => new(LettaFrameKind.Item, item, null, item.SeqId);

    public static LettaFrame Delta(LettaFrameKind kind, string text, LettaFrameEnvelope envelope, long? seqId) => new(kind, envelope, text, seqId);

    /// <summary>Returns the frame as a typed item (a delta is made into one now).</summary>
    public LettaStreamItem ToItem()
    {
        var envelope = Envelope;
        return Kind switch
        {
            LettaFrameKind.Item => Item!,
            LettaFrameKind.TextDelta => new LettaAssistantMessage(Text!)
            {
                Id = envelope.Id, Otid = envelope.Otid, RunId = envelope.RunId, SeqId = SeqId, StepId = envelope.StepId, Date = envelope.ParsedDate,
            },
            LettaFrameKind.ReasoningDelta => new LettaReasoningMessage(Text!)
            {
                Id = envelope.Id, Otid = envelope.Otid, RunId = envelope.RunId, SeqId = SeqId, StepId = envelope.StepId, Date = envelope.ParsedDate,
            },
            _ => throw new InvalidOperationException($"A {Kind} frame holds no item."),
        };
    }

    internal static DateTimeOffset? ParseDate(string? date) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
