using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>Records a run for any conversation id, existing or not (an upsert instead of an update of the conversation row).</summary>
public sealed class UpsertingActiveRunStore : BrokenActiveRunStore
{
    public override Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default)
    {
        Put(run.ConversationId, run);
        return Task.FromResult(true);
    }
}
