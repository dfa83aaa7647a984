namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// Migration 1: the legacy schema as it exists in the wild, where office ids are nullable and targets may read <c>default</c>.
/// A database that already has these tables but never had <c>schema_migrations</c> is adopted instead: recorded as version 1
/// when <see cref="LegacySchema"/> recognises it, refused with what differs when not.
/// </summary>
internal static class M001LegacySchema
{
    public static Migration Migration { get; } = new(1, "legacy schema", ApplyAsync, LegacySchema.InspectAsync);

    private static async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var inspection = await LegacySchema.InspectAsync(context, cancellationToken).ConfigureAwait(false);
        if (inspection.Problems.Count > 0)
        {
            throw new SchemaMigrationException(Migration.Version, Migration.Name, inspection.Problems);
        }

        if (inspection.CreatesSchema)
        {
            await CreateAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task CreateAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var messageKey = context.Dialect == SqlDialect.Sqlite
            ? "seq INTEGER PRIMARY KEY AUTOINCREMENT"
            : "seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
        string[] statements =
        [
            """
            CREATE TABLE offices (
                id TEXT NOT NULL PRIMARY KEY,
                name TEXT NOT NULL,
                personal_user_id TEXT NULL UNIQUE,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE workspaces (
                id TEXT NOT NULL PRIMARY KEY,
                office_id TEXT NULL REFERENCES offices (id),
                user_id TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ix_workspaces_office ON workspaces (office_id, updated_at)",
            """
            CREATE TABLE conversations (
                id TEXT NOT NULL PRIMARY KEY,
                user_id TEXT NOT NULL,
                office_id TEXT NULL REFERENCES offices (id),
                workspace_id TEXT NULL REFERENCES workspaces (id),
                execution_target TEXT NOT NULL DEFAULT 'default',
                agent_id TEXT NULL,
                title TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            .. ConversationIndexes,
            $"""
            CREATE TABLE messages (
                {messageKey},
                id TEXT NOT NULL UNIQUE,
                conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                role TEXT NOT NULL,
                user_id TEXT NULL,
                content TEXT NOT NULL,
                model TEXT NULL,
                input_tokens BIGINT NULL,
                output_tokens BIGINT NULL,
                completion TEXT NULL,
                is_truncated BIGINT NOT NULL DEFAULT 0,
                agent_id TEXT NULL,
                run_id TEXT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, seq)",
        ];
        return context.ExecuteAllAsync(statements, cancellationToken);
    }

    /// <summary>Gets the indexes of the conversations table, recreated by the SQLite table rebuild.</summary>
    public static IReadOnlyList<string> ConversationIndexes { get; } =
    [
        "CREATE INDEX ix_conversations_user ON conversations (user_id, updated_at)",
        "CREATE INDEX ix_conversations_office ON conversations (office_id, updated_at)",
        "CREATE INDEX ix_conversations_workspace ON conversations (workspace_id)",
    ];
}
