namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>Clear forgets whatever run is active, so an old turn ending late wipes out the newer one.</summary>
public sealed class UnconditionalClearActiveRunStore : BrokenActiveRunStore
{
    public override async Task<bool> ClearActiveRunAsync(string conversationId, string runId, CancellationToken cancellationToken = default)
    {
        var had = await GetActiveRunAsync(conversationId, cancellationToken) is not null;
        Forget(conversationId);
        return had;
    }
}
