namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Every migration, in version order.</summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        M001LegacySchema.Migration,
        M002OfficeOwnership.Migration,
        M003TurnLeases.Migration,
        M004DetailedTokenUsage.Migration,
        M005UsageAndToolCalls.Migration,
        M006MessageParts.Migration,
        M007ActiveRuns.Migration,
        M008SharedAgents.Migration,
    ];
}
