using System.Globalization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>What one SSE frame of a reply stream held: a token delta kept as plain fields (no object), a typed item, or a frame to pass over.</summary>
/// <remarks>A delta becomes a heap object only once, as the chat event the streaming pipeline makes of it, or as a typed item via <see cref="ToItem"/>.</remarks>
internal readonly struct LettaFrame
{
    private LettaFrame(LettaFrameKind kind, LettaStreamItem? item, string? text, string? id, string? otid, string? runId, string? stepId, long? seqId, string? date)
    {
        Kind = kind;
        Item = item;
        Text = text;
        Id = id;
        Otid = otid;
        RunId = runId;
        StepId = stepId;
        SeqId = seqId;
        Date = date;
    }

    public LettaFrameKind Kind { get; }

    /// <summary>Gets the typed item, for <see cref="LettaFrameKind.Item"/>.</summary>
    public LettaStreamItem? Item { get; }

    /// <summary>Gets the delta text, for the two delta kinds.</summary>
    public string? Text { get; }

    public string? Id { get; }

    public string? Otid { get; }

    public string? RunId { get; }

    public string? StepId { get; }

    public long? SeqId { get; }

    /// <summary>Gets the <c>date</c> as sent; parsed only when a typed item is made.</summary>
    public string? Date { get; }

    public static LettaFrame Done => new(LettaFrameKind.Done, null, null, null, null, null, null, null, null);

    public static LettaFrame Skipped => new(LettaFrameKind.Skipped, null, null, null, null, null, null, null, null);

    public static LettaFrame Of(LettaStreamItem item) => new(LettaFrameKind.Item, item, null, item.Id, item.Otid, item.RunId, item.StepId, item.SeqId, null);

    public static LettaFrame Delta(LettaFrameKind kind, string text, in LettaFrameFields fields) =>
        new(kind, null, text, fields.Id, fields.Otid, fields.RunId, fields.StepId, fields.SeqId, fields.Date);

    /// <summary>Returns the frame as a typed item (a delta is made into one now).</summary>
    public LettaStreamItem ToItem() => Kind switch
    {
        LettaFrameKind.Item => Item!,
        LettaFrameKind.TextDelta => new LettaAssistantMessage(Text!) { Id = Id, Otid = Otid, RunId = RunId, SeqId = SeqId, StepId = StepId, Date = ParseDate(Date) },
        LettaFrameKind.ReasoningDelta => new LettaReasoningMessage(Text!) { Id = Id, Otid = Otid, RunId = RunId, SeqId = SeqId, StepId = StepId, Date = ParseDate(Date) },
        _ => throw new InvalidOperationException($"A {Kind} frame holds no item."),
    };

    internal static DateTimeOffset? ParseDate(string? date) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
