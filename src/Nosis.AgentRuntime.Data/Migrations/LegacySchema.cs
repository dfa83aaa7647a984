namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// Recognises a legacy database that has the tables but no <c>schema_migrations</c>: it may be adopted as version 1 when every
/// table and column of migration 1 is there and no column of a later migration is.
/// </summary>
internal static class LegacySchema
{
    /// <summary>Gets the columns of migration 1, per table, in creation order.</summary>
    public static IReadOnlyDictionary<string, string[]> Columns { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["offices"] = ["id", "name", "personal_user_id", "created_at"],
        ["workspaces"] = ["id", "office_id", "user_id", "name", "created_at", "updated_at"],
        ["conversations"] = ["id", "user_id", "office_id", "workspace_id", "execution_target", "agent_id", "title", "created_at", "updated_at"],
        ["messages"] =
        [
            "seq", "id", "conversation_id", "role", "user_id", "content", "model", "input_tokens", "output_tokens", "completion",
            "is_truncated", "agent_id", "run_id", "created_at",
        ],
    };

    /// <summary>The columns later migrations add: a database carrying them without <c>schema_migrations</c> lost its history.</summary>
    private static readonly (string Table, string Column, int Version)[] LaterColumns =
    [
        ("conversations", "lease_owner", 3),
        ("conversations", "lease_expires_at", 3),
        ("messages", "reasoning_tokens", 4),
        ("messages", "cached_input_tokens", 4),
        ("messages", "step_count", 4),
        ("conversations", "active_run_id", 7),
    ];

    /// <summary>Inspects the database: empty (create the schema), adoptable (record version 1) or refused (what differs).</summary>
    public static async Task<MigrationPreflight> InspectAsync(MigrationContext context, CancellationToken cancellationToken)
    {
        var columns = await SchemaCatalog.ReadColumnsAsync(context, Columns.Keys, cancellationToken).ConfigureAwait(false);
        if (columns.Count == 0)
        {
            return new MigrationPreflight([], CreatesSchema: true);
        }

        var problems = new List<SchemaMigrationProblem>();
        foreach (var (table, expected) in Columns)
        {
            if (!columns.TryGetValue(table, out var present))
            {
                problems.Add(Schema(
                    table,
                    $"the table is missing, while {string.Join(", ", columns.Keys.Order(StringComparer.Ordinal))} exist; an existing database is adopted only with all four tables of the legacy schema",
                    $"create '{table}' as the legacy schema defines it (docs/office-ownership.md), or point the migrator at the right database"));
                continue;
            }

            var missing = expected.Where(column => !present.Contains(column)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(Schema(
                    table,
                    $"column{(missing.Count == 1 ? " is" : "s are")} missing: {string.Join(", ", missing)}",
                    $"add {(missing.Count == 1 ? "it" : "them")} with ALTER TABLE {table} ADD COLUMN as the legacy schema defines {(missing.Count == 1 ? "it" : "them")} (docs/office-ownership.md)"));
            }
        }

        foreach (var group in LaterColumns.Where(c => columns.TryGetValue(c.Table, out var present) && present.Contains(c.Column)).GroupBy(c => (c.Table, c.Version)))
        {
            problems.Add(Schema(
                group.Key.Table,
                $"it has {string.Join(", ", group.Select(c => c.Column))} of migration {group.Key.Version} but no schema_migrations table, so which migrations ran is unknown",
                "restore the schema_migrations table from a backup of this database"));
        }

        if (columns.TryGetValue("offices", out var officeColumns) && officeColumns.Contains("personal_user_id")
            && !await SchemaCatalog.HasUniqueIndexAsync(context, "offices", "personal_user_id", cancellationToken).ConfigureAwait(false))
        {
            problems.Add(Schema(
                "offices",
                "personal_user_id is not UNIQUE, so two processes could create two personal offices for one user",
                "remove duplicate personal offices, then CREATE UNIQUE INDEX ux_offices_personal_user ON offices (personal_user_id)"));
        }

        return new MigrationPreflight(problems);
    }

    private static SchemaMigrationProblem Schema(string table, string rule, string fix) => new(table, rule, fix, [], 0);
}
