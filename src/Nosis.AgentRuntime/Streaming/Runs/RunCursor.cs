using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Where a reader of one background run stands: the run id once known and the last sequence id read.</summary>
internal sealed class RunCursor(string? runId, long? lastSeqId)
{
    public string? RunId { get; set; } = runId;

    public long? LastSeqId { get; private set; } = lastSeqId;

    /// <summary>Moves the cursor past <paramref name="frame"/>; returns whether it was progress (a chunk with a new sequence id).</summary>
    public bool Observe(in LettaFrame frame)
    {
        RunId ??= frame.RunId;
        if (frame.SeqId is { } seqId && (LastSeqId is null || seqId > LastSeqId))
        {
            LastSeqId = seqId;
            return true;
        }

        return false;
    }

    /// <summary>Returns whether <paramref name="frame"/> was read already (a chunk at or before the cursor, sent again after a resume).</summary>
    public bool IsRepeat(in LettaFrame frame) => frame.SeqId is { } seqId && LastSeqId is { } last && seqId <= last;
}
