namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>What a migration's checks found before anything changed.</summary>
/// <param name="Problems">Why it would refuse; empty when it may run.</param>
/// <param name="CreatesSchema">Whether it creates the tables from nothing, so that later migrations have nothing to check yet.</param>
internal sealed record MigrationPreflight(IReadOnlyList<SchemaMigrationProblem> Problems, bool CreatesSchema = false)
{
    public static MigrationPreflight Passed { get; } = new([]);
}
