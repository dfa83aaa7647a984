namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Migration 6: the ordered parts of a message (text, reasoning, tool calls and results) as JSON; rows stored before it have none and read back as one text part.</summary>
internal static class M006MessageParts
{
    public static Migration Migration { get; } = new(6, "message parts", ApplyAsync);

    private static Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken) =>
        context.ExecuteAsync("ALTER TABLE messages ADD COLUMN parts_json TEXT NULL", cancellationToken);
}
