using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// Migration 2: every workspace and conversation becomes office-owned, durably. Refuses first what it cannot carry (see
/// <see cref="OfficeOwnershipPreflight"/>); then treats blank ids as missing, backfills missing offices (workspaces and chat
/// threads take their owner's personal office, created when missing; a code thread takes its workspace's office), normalises
/// every readable target to <c>sandbox</c> or <c>local</c>, and enforces NOT NULL, the allowed targets and "a conversation's
/// workspace is in the conversation's office" as constraints.
/// </summary>
internal static class M002OfficeOwnership
{
    public static Migration Migration { get; } = new(2, "office ownership", ApplyAsync, OfficeOwnershipPreflight.RunAsync);

    private static async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var preflight = await OfficeOwnershipPreflight.RunAsync(context, cancellationToken).ConfigureAwait(false);
        if (preflight.Problems.Count > 0)
        {
            throw new SchemaMigrationException(Migration.Version, Migration.Name, preflight.Problems);
        }

        await BackfillAsync(context, cancellationToken).ConfigureAwait(false);
        await context.ExecuteAllAsync(StoredExecutionTarget.NormaliseStatements, cancellationToken).ConfigureAwait(false);
        if (context.Dialect == SqlDialect.PostgreSql)
        {
            await context.ExecuteAllAsync(PostgreSqlStatements, cancellationToken).ConfigureAwait(false);
            return;
        }

        await SqliteTableRebuild.RebuildAsync(context, "workspaces", SqliteWorkspaceColumns, [SqliteWorkspaceConstraint], SqliteWorkspaceIndexes, cancellationToken)
            .ConfigureAwait(false);
        await SqliteTableRebuild.RebuildAsync(context, "conversations", SqliteConversationColumns, [SqliteConversationConstraint], SqliteConversationIndexes, cancellationToken)
            .ConfigureAwait(false);
        await SqliteTableRebuild.EnsureForeignKeysHoldAsync(context, ["workspaces", "conversations", "messages"], cancellationToken).ConfigureAwait(false);
    }

    private static async Task BackfillAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        // A blank workspace id is no workspace: the row is a chat thread.
        await context.ExecuteAsync(
            "UPDATE conversations SET workspace_id = NULL WHERE workspace_id IS NOT NULL AND TRIM(workspace_id) = ''", cancellationToken).ConfigureAwait(false);

        // Owners who need a personal office: of a workspace without one, or of a chat thread without one.
        var users = await context.QueryStringsAsync(
            $"SELECT user_id FROM workspaces WHERE {StoredIds.IsBlankSql("office_id")} "
            + $"UNION SELECT user_id FROM conversations WHERE ({StoredIds.IsBlankSql("office_id")}) AND workspace_id IS NULL",
            cancellationToken).ConfigureAwait(false);
        foreach (var user in users)
        {
            _ = await SqlOfficeStore.GetOrCreatePersonalOfficeAsync(context.Connection, context.Transaction, user, context.Now, cancellationToken)
                .ConfigureAwait(false);
        }

        string[] backfill =
        [
            "UPDATE workspaces SET office_id = (SELECT o.id FROM offices o WHERE o.personal_user_id = workspaces.user_id) "
            + $"WHERE {StoredIds.IsBlankSql("office_id")}",

            // A code thread without an office takes its workspace's (the preflight refused code threads in another office).
            "UPDATE conversations SET office_id = (SELECT w.office_id FROM workspaces w WHERE w.id = conversations.workspace_id) "
            + $"WHERE workspace_id IS NOT NULL AND ({StoredIds.IsBlankSql("office_id")})",
            "UPDATE conversations SET office_id = (SELECT o.id FROM offices o WHERE o.personal_user_id = conversations.user_id) "
            + $"WHERE ({StoredIds.IsBlankSql("office_id")}) AND workspace_id IS NULL",
        ];
        await context.ExecuteAllAsync(backfill, cancellationToken).ConfigureAwait(false);
    }

    private static readonly string[] PostgreSqlStatements =
    [
        "ALTER TABLE workspaces ALTER COLUMN office_id SET NOT NULL",
        "ALTER TABLE workspaces ADD CONSTRAINT ck_workspaces_office CHECK (TRIM(office_id) <> '')",
        "ALTER TABLE workspaces ADD CONSTRAINT uq_workspaces_id_office UNIQUE (id, office_id)",
        "ALTER TABLE conversations ALTER COLUMN office_id SET NOT NULL",
        "ALTER TABLE conversations ALTER COLUMN execution_target SET NOT NULL",
        "ALTER TABLE conversations ALTER COLUMN execution_target SET DEFAULT 'sandbox'",
        "ALTER TABLE conversations ADD CONSTRAINT ck_conversations_office CHECK (TRIM(office_id) <> '')",
        "ALTER TABLE conversations ADD CONSTRAINT ck_conversations_execution_target CHECK (execution_target IN ('sandbox', 'local'))",
        "ALTER TABLE conversations ADD CONSTRAINT fk_conversations_workspace_office "
        + "FOREIGN KEY (workspace_id, office_id) REFERENCES workspaces (id, office_id)",
    ];

    // SQLite cannot add NOT NULL or constraints to a column: the documented table rebuild, which redefines these columns and
    // keeps every other column, constraint, index, trigger and view as the user had them.
    private static readonly Dictionary<string, string> SqliteWorkspaceColumns = new(StringComparer.Ordinal)
    {
        ["id"] = "id TEXT NOT NULL PRIMARY KEY",
        ["office_id"] = "office_id TEXT NOT NULL REFERENCES offices (id) CONSTRAINT ck_workspaces_office CHECK (TRIM(office_id) <> '')",
        ["user_id"] = "user_id TEXT NOT NULL",
        ["name"] = "name TEXT NOT NULL",
        ["created_at"] = "created_at BIGINT NOT NULL",
        ["updated_at"] = "updated_at BIGINT NOT NULL",
    };

    private const string SqliteWorkspaceConstraint = "CONSTRAINT uq_workspaces_id_office UNIQUE (id, office_id)";

    private static readonly string[] SqliteWorkspaceIndexes = ["CREATE INDEX IF NOT EXISTS ix_workspaces_office ON workspaces (office_id, updated_at)"];

    private static readonly Dictionary<string, string> SqliteConversationColumns = new(StringComparer.Ordinal)
    {
        ["id"] = "id TEXT NOT NULL PRIMARY KEY",
        ["user_id"] = "user_id TEXT NOT NULL",
        ["office_id"] = "office_id TEXT NOT NULL REFERENCES offices (id) CONSTRAINT ck_conversations_office CHECK (TRIM(office_id) <> '')",
        ["workspace_id"] = "workspace_id TEXT NULL REFERENCES workspaces (id)",
        ["execution_target"] = "execution_target TEXT NOT NULL DEFAULT 'sandbox' "
            + "CONSTRAINT ck_conversations_execution_target CHECK (execution_target IN ('sandbox', 'local'))",
        ["agent_id"] = "agent_id TEXT NULL",
        ["title"] = "title TEXT NULL",
        ["created_at"] = "created_at BIGINT NOT NULL",
        ["updated_at"] = "updated_at BIGINT NOT NULL",
    };

    private const string SqliteConversationConstraint =
        "CONSTRAINT fk_conversations_workspace_office FOREIGN KEY (workspace_id, office_id) REFERENCES workspaces (id, office_id)";

    private static readonly string[] SqliteConversationIndexes =
        [.. M001LegacySchema.ConversationIndexes.Select(index => index.Replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", StringComparison.Ordinal))];
}
