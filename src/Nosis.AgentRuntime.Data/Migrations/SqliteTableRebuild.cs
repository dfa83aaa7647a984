using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// SQLite's generalized table change (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"),
/// keeping the user's schema: every column the migration does not own keeps its definition and its data, every index and
/// trigger of the table is recreated, and views stay valid.
/// </summary>
/// <remarks>
/// Steps 1, 2, 11 and 12 of the procedure (foreign keys off, the transaction, commit, foreign keys back on) are the migrator's;
/// this type does steps 3 to 9 in their order for each table (<see cref="RebuildAsync"/>), then step 10 for all of them
/// (<see cref="EnsureForeignKeysHoldAsync"/>). The rename runs with
/// <c>legacy_alter_table</c> on, so that it does not rewrite or re-check views and triggers that name the table (they name
/// the table again once the rename is done); no view needs step 9 because no column changes its name.
/// </remarks>
internal static class SqliteTableRebuild
{
    private const string NewTablePrefix = "nosis_rebuild_";

    /// <summary>Finds what a rebuild of the table could not keep, before anything changes.</summary>
    public static async Task<List<SchemaMigrationProblem>> PreflightAsync(MigrationContext context, string table, CancellationToken cancellationToken)
    {
        var problems = new List<SchemaMigrationProblem>();
        var definition = SqliteTableDefinition.TryParse(await TableSqlAsync(context, table, cancellationToken).ConfigureAwait(false));
        if (definition is null)
        {
            problems.Add(Schema(table, "its CREATE TABLE statement could not be read, so the table rebuild could not keep its definition", $"recreate '{table}' with a plain CREATE TABLE {table} (…) statement"));
        }
        else if (definition.Options.Contains("STRICT", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(Schema(table, "it is a STRICT table, whose column types cannot hold the legacy schema's BIGINT columns", $"rebuild '{table}' without STRICT"));
        }

        if ((await context.QueryStringsAsync(
                "SELECT name FROM sqlite_master WHERE name = @name", cancellationToken, SqlParameterValue.Text("@name", NewTablePrefix + table)).ConfigureAwait(false)).Count > 0)
        {
            problems.Add(Schema(NewTablePrefix + table, $"the table rebuild of '{table}' needs this name for its new table", $"rename or drop '{NewTablePrefix + table}'"));
        }

        return problems;
    }

    /// <summary>Rebuilds the table with some columns redefined and constraints added, keeping the rest; steps 3 to 9 of the procedure.</summary>
    public static async Task RebuildAsync(
        MigrationContext context,
        string table,
        IReadOnlyDictionary<string, string> ownColumns,
        IReadOnlyList<string> ownConstraints,
        IReadOnlyList<string> ownIndexes,
        CancellationToken cancellationToken)
    {
        var definition = SqliteTableDefinition.TryParse(await TableSqlAsync(context, table, cancellationToken).ConfigureAwait(false))
            ?? throw new InvalidOperationException($"The CREATE TABLE statement of '{table}' could not be read; the preflight should have refused it.");

        // 3. Remember the indexes and triggers of the table (automatic indexes have no SQL: they come back with the table).
        var objects = await context.QueryAsync(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = @table AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
            reader => (Type: reader.GetString(0), Name: reader.GetString(1), Sql: reader.GetString(2)),
            cancellationToken,
            SqlParameterValue.Text("@table", table)).ConfigureAwait(false);

        // 4. The new table in the revised format; 5. the content, every stored column (generated ones are computed again).
        var newTable = NewTablePrefix + table;
        await context.ExecuteAsync(definition.CreateStatement(newTable, ownColumns, ownConstraints), cancellationToken).ConfigureAwait(false);
        var columns = await context.QueryStringsAsync(
            "SELECT name FROM pragma_table_xinfo(@table) WHERE hidden = 0 ORDER BY cid", cancellationToken, SqlParameterValue.Text("@table", table))
            .ConfigureAwait(false);
        var list = string.Join(", ", columns.Select(Quote));
        await context.ExecuteAsync($"INSERT INTO {newTable} ({list}) SELECT {list} FROM {Quote(table)}", cancellationToken).ConfigureAwait(false);

        // 6. Drop the old table; 7. rename the new one.
        await context.ExecuteAsync($"DROP TABLE {Quote(table)}", cancellationToken).ConfigureAwait(false);
        await context.ExecuteAsync("PRAGMA legacy_alter_table = ON", cancellationToken).ConfigureAwait(false);
        try
        {
            await context.ExecuteAsync($"ALTER TABLE {newTable} RENAME TO {Quote(table)}", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await context.ExecuteAsync("PRAGMA legacy_alter_table = OFF", CancellationToken.None).ConfigureAwait(false);
        }

        // 8. Recreate the indexes and triggers as they were, then the migration's own indexes where the user had none of that name.
        foreach (var saved in objects)
        {
            await RecreateAsync(context, table, saved.Type, saved.Name, saved.Sql, cancellationToken).ConfigureAwait(false);
        }

        await context.ExecuteAllAsync(ownIndexes, cancellationToken).ConfigureAwait(false);

        // 9. No column changed its name, so every view over the table still reads; prove it before the commit.
        var views = await context.QueryStringsAsync(
            "SELECT name FROM sqlite_master WHERE type = 'view' AND instr(lower(sql), lower(@table)) > 0 ORDER BY name",
            cancellationToken,
            SqlParameterValue.Text("@table", table)).ConfigureAwait(false);
        foreach (var view in views)
        {
            await RecreateAsync(context, table, "view", view, $"SELECT 1 FROM {Quote(view)} LIMIT 0", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Step 10: <c>PRAGMA foreign_key_check</c> of the rebuilt tables and of the tables that reference them.</summary>
    public static async Task EnsureForeignKeysHoldAsync(MigrationContext context, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var violations = await context.QueryAsync(
                "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(@table)",
                reader => $"a row (rowid {MigrationContext.Text(reader, 1)}) of table '{reader.GetString(0)}' whose reference to '{reader.GetString(2)}' has no parent",
                cancellationToken,
                SqlParameterValue.Text("@table", table)).ConfigureAwait(false);
            if (violations.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Migration {M002OfficeOwnership.Migration.Version} ({M002OfficeOwnership.Migration.Name}) would leave {violations[0]} "
                    + $"({violations.Count} such rows); the migration was rolled back.");
            }
        }
    }

    private static async Task RecreateAsync(MigrationContext context, string table, string type, string name, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await context.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            throw new SchemaMigrationException(2, M002OfficeOwnership.Migration.Name, [
                Schema(name, $"this {type} could not be kept through the rebuild of '{table}' ({ex.Message})", $"drop the {type} '{name}', migrate, then create it again"),
            ]);
        }
    }

    private static async Task<string> TableSqlAsync(MigrationContext context, string table, CancellationToken cancellationToken) =>
        (await context.QueryStringsAsync(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = @table", cancellationToken, SqlParameterValue.Text("@table", table))
            .ConfigureAwait(false)).SingleOrDefault() ?? string.Empty;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static SchemaMigrationProblem Schema(string table, string rule, string fix) => new(table, rule, fix, [], 0);
}
