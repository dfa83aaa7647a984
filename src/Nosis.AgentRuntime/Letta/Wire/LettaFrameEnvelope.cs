namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The ids and date a token delta carries besides its text; consecutive deltas of one message share one instance.</summary>
internal sealed class LettaFrameEnvelope(string? id, string? otid, string? runId, string? stepId, string? date)
{
    private DateTimeOffset? _parsedDate;
    private bool _dateParsed;

    public string? Id { get; } = id;

    public string? Otid { get; } = otid;

    public string? RunId { get; } = runId;

    public string? StepId { get; } = stepId;

    /// <summary>Gets the <c>date</c> as sent; parsed only when a typed item is made.</summary>
    public string? Date { get; } = date;

    /// <summary>Gets the <c>date</c> parsed, once for all the deltas that share this envelope (parsing it per delta cost a fifth of the client's reading).</summary>
    public DateTimeOffset? ParsedDate
    {
        get
        {
            if (!_dateParsed)
            {
                _parsedDate = LettaFrame.ParseDate(Date);
                _dateParsed = true;
            }

            return _parsedDate;
        }
    }

    /// <summary>Returns this envelope when the fields hold the same strings (the reader keeps repeated strings as one instance), else a new one.</summary>
    public LettaFrameEnvelope Reuse(in LettaFrameFields fields) =>
        ReferenceEquals(fields.Id, Id) && ReferenceEquals(fields.Otid, Otid) && ReferenceEquals(fields.RunId, RunId)
            && ReferenceEquals(fields.StepId, StepId) && ReferenceEquals(fields.Date, Date)
            ? this
            : new LettaFrameEnvelope(fields.Id, fields.Otid, fields.RunId, fields.StepId, fields.Date);
}
