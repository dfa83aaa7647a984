namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Migration 5: cache-write and context-window tokens of a reply, and its tool calls (JSON); rows stored before it read them as null and none.</summary>
internal static class M005UsageAndToolCalls
{
    public static Migration Migration { get; } = new(5, "usage cache writes, context tokens and tool calls", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAllAsync(
            [
                "ALTER TABLE messages ADD COLUMN cache_write_tokens BIGINT NULL",
                "ALTER TABLE messages ADD COLUMN context_tokens BIGINT NULL",
                "ALTER TABLE messages ADD COLUMN tool_calls TEXT NULL",
            ],
            cancellationToken);
}
