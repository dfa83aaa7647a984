namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Migration 4: the detailed token usage of a reply (reasoning tokens, cached input tokens, agent steps); rows stored before it read them as null.</summary>
internal static class M004DetailedTokenUsage
{
    public static Migration Migration { get; } = new(4, "detailed token usage", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAllAsync(
            [
                "ALTER TABLE messages ADD COLUMN reasoning_tokens BIGINT NULL",
                "ALTER TABLE messages ADD COLUMN cached_input_tokens BIGINT NULL",
                "ALTER TABLE messages ADD COLUMN step_count INTEGER NULL",
            ],
            cancellationToken);
}
