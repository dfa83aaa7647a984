namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>Advance writes whatever it is given (<c>SET seq = @seq</c> with no <c>seq &lt; @seq</c>): a late writer moves the cursor back.</summary>
public sealed class BackwardAdvanceActiveRunStore : BrokenActiveRunStore
{
    public override async Task<bool> AdvanceAsync(string conversationId, string runId, long seqId, CancellationToken cancellationToken = default)
    {
        if (await GetActiveRunAsync(conversationId, cancellationToken) is not { } run || run.RunId != runId)
        {
            return false;
        }

        Put(conversationId, run with { LastSeqId = seqId });
        return true;
    }
}
