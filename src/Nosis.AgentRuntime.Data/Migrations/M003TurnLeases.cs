namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Migration 3: the turn lease columns on the conversation row (owner token, expiry in epoch milliseconds).</summary>
internal static class M003TurnLeases
{
    public static Migration Migration { get; } = new(3, "turn leases", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAllAsync(
            [
                "ALTER TABLE conversations ADD COLUMN lease_owner TEXT NULL",
                "ALTER TABLE conversations ADD COLUMN lease_expires_at BIGINT NULL",
            ],
            cancellationToken);
}
