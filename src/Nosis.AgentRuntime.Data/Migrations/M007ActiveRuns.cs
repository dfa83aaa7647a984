namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Migration 7: the conversation's turn state for background runs: the active Letta run, its agent, the reply it produces, the last sequence id read, and when it started (epoch milliseconds).</summary>
internal static class M007ActiveRuns
{
    public static Migration Migration { get; } = new(7, "active runs", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAllAsync(
            [
                "ALTER TABLE conversations ADD COLUMN active_run_id TEXT NULL",
                "ALTER TABLE conversations ADD COLUMN active_run_agent_id TEXT NULL",
                "ALTER TABLE conversations ADD COLUMN active_run_message_id TEXT NULL",
                "ALTER TABLE conversations ADD COLUMN active_run_seq_id BIGINT NULL",
                "ALTER TABLE conversations ADD COLUMN active_run_started_at BIGINT NULL",
            ],
            cancellationToken);
}
