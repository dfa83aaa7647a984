namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Conversations mode: a table of the agents the shared scopes (office, user in office) use, and each conversation's Letta conversation.</summary>
/// <remarks>
/// <c>shared_agents.scope_key</c> is <c>SharedAgentKey.Value</c>; the row is created by the first claim (an insert-or-update that
/// only fills an empty agent), so a claim is one conditional statement on both engines. A conversation's
/// <c>letta_conversation_id</c> is claimed by the same compare-and-set as its <c>agent_id</c>.
/// </remarks>
internal static class M008SharedAgents
{
    public static Migration Migration { get; } = new(8, "shared agents", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAllAsync(
            [
                """
                CREATE TABLE shared_agents (
                    scope_key TEXT NOT NULL PRIMARY KEY,
                    office_id TEXT NOT NULL,
                    user_id TEXT NULL,
                    agent_id TEXT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX ix_shared_agents_office ON shared_agents (office_id)",
                "ALTER TABLE conversations ADD COLUMN letta_conversation_id TEXT NULL",
            ],
            cancellationToken);
}
