namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// What migration 2 refuses, checked before it changes anything: rows the runtime could not read afterwards, rows that were
/// already orphaned, code threads in another office than their workspace, and schema objects the change could not keep.
/// </summary>
internal static class OfficeOwnershipPreflight
{
    /// <summary>The names of the constraints migration 2 adds on PostgreSQL (and the index behind the unique one).</summary>
    public static IReadOnlyList<string> PostgreSqlConstraintNames { get; } =
        ["ck_workspaces_office", "uq_workspaces_id_office", "ck_conversations_office", "ck_conversations_execution_target", "fk_conversations_workspace_office"];

    private static readonly RowRule[] Rules =
    [
        new(
            "conversations",
            "SELECT id FROM conversations WHERE execution_target IS NOT NULL "
            + "AND LOWER(TRIM(execution_target)) NOT IN ('', 'default', 'sandbox', 'local') ORDER BY id",
            "execution_target is none of 'sandbox', 'local', the legacy 'default', blank or NULL (in any letter case), so the runtime could not read it",
            "set it to 'sandbox' or 'local' (UPDATE conversations SET execution_target = 'sandbox' WHERE id IN (…)), or delete the rows"),
        new(
            "messages",
            "SELECT m.id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id) ORDER BY m.id",
            "conversation_id names a conversation that does not exist; these messages were orphaned before the migration ran",
            "restore their conversations, or delete them (DELETE FROM messages WHERE id IN (…))"),
        new(
            "conversations",
            "SELECT c.id FROM conversations c WHERE c.workspace_id IS NOT NULL AND TRIM(c.workspace_id) <> '' "
            + "AND NOT EXISTS (SELECT 1 FROM workspaces w WHERE w.id = c.workspace_id) ORDER BY c.id",
            "workspace_id names a workspace that does not exist; these rows were orphaned before the migration ran",
            "restore the workspaces, or detach the conversations (UPDATE conversations SET workspace_id = NULL WHERE id IN (…)) to make them chat threads"),
        new(
            "conversations",
            "SELECT c.id FROM conversations c WHERE c.office_id IS NOT NULL AND TRIM(c.office_id) <> '' "
            + "AND NOT EXISTS (SELECT 1 FROM offices o WHERE o.id = c.office_id) ORDER BY c.id",
            "office_id names an office that does not exist; these rows were orphaned before the migration ran",
            "restore the offices, or clear office_id (UPDATE conversations SET office_id = NULL WHERE id IN (…)) so that the migration gives each its workspace's or its owner's personal office"),
        new(
            "workspaces",
            "SELECT w.id FROM workspaces w WHERE w.office_id IS NOT NULL AND TRIM(w.office_id) <> '' "
            + "AND NOT EXISTS (SELECT 1 FROM offices o WHERE o.id = w.office_id) ORDER BY w.id",
            "office_id names an office that does not exist; these rows were orphaned before the migration ran",
            "restore the offices, or clear office_id (UPDATE workspaces SET office_id = NULL WHERE id IN (…)) so that the migration gives each its creator's personal office"),
        new(
            "conversations",
            "SELECT c.id FROM conversations c JOIN workspaces w ON w.id = c.workspace_id "
            + "WHERE c.office_id IS NOT NULL AND TRIM(c.office_id) <> '' AND c.office_id <> COALESCE("
            + "CASE WHEN w.office_id IS NULL OR TRIM(w.office_id) = '' "
            + "THEN (SELECT o.id FROM offices o WHERE o.personal_user_id = w.user_id) ELSE w.office_id END, '') ORDER BY c.id",
            "office_id is not the office of the conversation's workspace, and a code thread belongs to its workspace's office; the migration does not move a conversation between offices",
            "either move each into its workspace's office (UPDATE conversations SET office_id = (SELECT w.office_id FROM workspaces w WHERE w.id = conversations.workspace_id) "
            + "WHERE id IN (…)) or detach it (UPDATE conversations SET workspace_id = NULL WHERE id IN (…)) to keep its office"),
    ];

    /// <summary>Runs every check; the migration may run when the result has no problems.</summary>
    public static async Task<MigrationPreflight> RunAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var problems = new List<SchemaMigrationProblem>();
        foreach (var rule in Rules)
        {
            var ids = await context.QueryStringsAsync(rule.Sql, cancellationToken).ConfigureAwait(false);
            if (ids.Count > 0)
            {
                problems.Add(new SchemaMigrationProblem(rule.Table, rule.Rule, rule.Fix, [.. ids.Take(SchemaMigrationProblem.MaxRowIds)], ids.Count));
            }
        }

        if (context.Dialect == SqlDialect.Sqlite)
        {
            problems.AddRange(await SqliteTableRebuild.PreflightAsync(context, "workspaces", cancellationToken).ConfigureAwait(false));
            problems.AddRange(await SqliteTableRebuild.PreflightAsync(context, "conversations", cancellationToken).ConfigureAwait(false));
        }
        else
        {
            foreach (var taken in await SchemaCatalog.TakenPostgreSqlNamesAsync(context, PostgreSqlConstraintNames, cancellationToken).ConfigureAwait(false))
            {
                problems.Add(new SchemaMigrationProblem(
                    taken, "the migration adds a constraint of this name, and the name is already taken", $"rename or drop '{taken}'", [], 0));
            }
        }

        return new MigrationPreflight(problems);
    }

    private sealed record RowRule(string Table, string Sql, string Rule, string Fix);
}
