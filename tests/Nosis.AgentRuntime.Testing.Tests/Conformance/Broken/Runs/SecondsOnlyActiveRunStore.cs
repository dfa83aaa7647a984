using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Runs;

/// <summary>Keeps the start time in whole seconds (an integer column of Unix seconds), so the run reads back changed.</summary>
public sealed class SecondsOnlyActiveRunStore : BrokenActiveRunStore
{
    public override Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default) =>
        base.SetActiveRunAsync(run with { StartedAt = DateTimeOffset.FromUnixTimeSeconds(run.StartedAt.ToUnixTimeSeconds()) }, cancellationToken);
}
