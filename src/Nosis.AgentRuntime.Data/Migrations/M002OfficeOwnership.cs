using Nosis.AgentRuntime.Data.Internal;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// Migration 2: every workspace and conversation becomes office-owned, durably. Backfills missing offices (workspaces and
/// chat threads take their owner's personal office, created when missing; a conversation with a workspace takes the
/// workspace's office), rewrites legacy <c>default</c> targets to <c>sandbox</c>, then enforces NOT NULL, the allowed targets
/// and "a conversation's workspace is in the conversation's office" as constraints.
/// </summary>
internal static class M002OfficeOwnership
{
    public static Migration Migration { get; } = new(2, "office ownership", ApplyAsync);

    private static async Task ApplyAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        await BackfillAsync(context, cancellationToken).ConfigureAwait(false);
        var statements = context.Dialect == SqlDialect.Sqlite ? SqliteStatements : PostgreSqlStatements;
        await context.ExecuteAllAsync(statements, cancellationToken).ConfigureAwait(false);
    }

    private static async Task BackfillAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        // Owners who need a personal office: of a workspace without one, or of a chat thread without one.
        var users = await context.QueryStringsAsync(
            "SELECT user_id FROM workspaces WHERE office_id IS NULL OR office_id = '' "
            + "UNION SELECT user_id FROM conversations WHERE (office_id IS NULL OR office_id = '') AND workspace_id IS NULL",
            cancellationToken).ConfigureAwait(false);
        foreach (var user in users)
        {
            _ = await SqlOfficeStore.GetOrCreatePersonalOfficeAsync(context.Connection, context.Transaction, user, context.Now, cancellationToken)
                .ConfigureAwait(false);
        }

        string[] backfill =
        [
            "UPDATE workspaces SET office_id = (SELECT o.id FROM offices o WHERE o.personal_user_id = workspaces.user_id) "
            + "WHERE office_id IS NULL OR office_id = ''",

            // A conversation with a workspace belongs to the workspace's office, also where a legacy row disagreed.
            "UPDATE conversations SET office_id = (SELECT w.office_id FROM workspaces w WHERE w.id = conversations.workspace_id) "
            + "WHERE workspace_id IS NOT NULL "
            + "AND EXISTS (SELECT 1 FROM workspaces w WHERE w.id = conversations.workspace_id "
            + "AND (conversations.office_id IS NULL OR conversations.office_id <> w.office_id))",
            "UPDATE conversations SET office_id = (SELECT o.id FROM offices o WHERE o.personal_user_id = conversations.user_id) "
            + "WHERE (office_id IS NULL OR office_id = '') AND workspace_id IS NULL",
        ];
        await context.ExecuteAllAsync(backfill, cancellationToken).ConfigureAwait(false);
        await context.ExecuteAsync(
            "UPDATE conversations SET execution_target = @sandbox WHERE execution_target = @legacy",
            cancellationToken,
            SqlParameterValue.Text("@sandbox", ExecutionTargets.SandboxWireName),
            SqlParameterValue.Text("@legacy", ExecutionTargets.LegacyDefaultWireName)).ConfigureAwait(false);
    }

    private static readonly string[] PostgreSqlStatements =
    [
        "ALTER TABLE workspaces ALTER COLUMN office_id SET NOT NULL",
        "ALTER TABLE workspaces ADD CONSTRAINT ck_workspaces_office CHECK (office_id <> '')",
        "ALTER TABLE workspaces ADD CONSTRAINT uq_workspaces_id_office UNIQUE (id, office_id)",
        "ALTER TABLE conversations ALTER COLUMN office_id SET NOT NULL",
        "ALTER TABLE conversations ALTER COLUMN execution_target SET DEFAULT 'sandbox'",
        "ALTER TABLE conversations ADD CONSTRAINT ck_conversations_office CHECK (office_id <> '')",
        "ALTER TABLE conversations ADD CONSTRAINT ck_conversations_execution_target CHECK (execution_target IN ('sandbox', 'local'))",
        "ALTER TABLE conversations ADD CONSTRAINT fk_conversations_workspace_office "
        + "FOREIGN KEY (workspace_id, office_id) REFERENCES workspaces (id, office_id)",
    ];

    // SQLite cannot add NOT NULL or constraints to a column: the documented table rebuild (https://sqlite.org/lang_altertable.html,
    // "Making Other Kinds Of Table Schema Changes"). The migrator turns foreign keys off around the transaction and runs
    // PRAGMA foreign_key_check before it commits.
    private static readonly string[] SqliteStatements =
    [
        """
        CREATE TABLE workspaces_new (
            id TEXT NOT NULL PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices (id) CONSTRAINT ck_workspaces_office CHECK (office_id <> ''),
            user_id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            CONSTRAINT uq_workspaces_id_office UNIQUE (id, office_id)
        )
        """,
        "INSERT INTO workspaces_new (id, office_id, user_id, name, created_at, updated_at) "
        + "SELECT id, office_id, user_id, name, created_at, updated_at FROM workspaces",
        "DROP TABLE workspaces",
        "ALTER TABLE workspaces_new RENAME TO workspaces",
        "CREATE INDEX ix_workspaces_office ON workspaces (office_id, updated_at)",
        """
        CREATE TABLE conversations_new (
            id TEXT NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            office_id TEXT NOT NULL REFERENCES offices (id) CONSTRAINT ck_conversations_office CHECK (office_id <> ''),
            workspace_id TEXT NULL REFERENCES workspaces (id),
            execution_target TEXT NOT NULL DEFAULT 'sandbox'
                CONSTRAINT ck_conversations_execution_target CHECK (execution_target IN ('sandbox', 'local')),
            agent_id TEXT NULL,
            title TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            CONSTRAINT fk_conversations_workspace_office FOREIGN KEY (workspace_id, office_id) REFERENCES workspaces (id, office_id)
        )
        """,
        "INSERT INTO conversations_new (id, user_id, office_id, workspace_id, execution_target, agent_id, title, created_at, updated_at) "
        + "SELECT id, user_id, office_id, workspace_id, execution_target, agent_id, title, created_at, updated_at FROM conversations",
        "DROP TABLE conversations",
        "ALTER TABLE conversations_new RENAME TO conversations",
        .. M001LegacySchema.ConversationIndexes,
    ];
}
