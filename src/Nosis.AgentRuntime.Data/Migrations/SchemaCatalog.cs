using Nosis.AgentRuntime.Data.Internal;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>Reads what the database's catalog says about tables, columns and unique indexes, in each dialect's own terms.</summary>
internal static class SchemaCatalog
{
    /// <summary>Returns the columns of each named table that exists (tables that do not exist are absent from the result).</summary>
    public static async Task<Dictionary<string, HashSet<string>>> ReadColumnsAsync(
        MigrationContext context, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        var names = tables.Select((table, i) => SqlParameterValue.Text("@t" + i, table)).ToArray();
        var list = string.Join(", ", names.Select(name => name.Name));
        var sql = context.Dialect == SqlDialect.Sqlite
            ? $"SELECT m.name, p.name FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' AND m.name IN ({list})"
            : $"SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name IN ({list})";
        var rows = await context.QueryAsync(sql, reader => (Table: reader.GetString(0), Column: reader.GetString(1)), cancellationToken, names)
            .ConfigureAwait(false);
        return rows.GroupBy(row => row.Table, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(row => row.Column).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Tells whether a column alone carries a full (not partial) unique index, as <c>ON CONFLICT (column)</c> needs.</summary>
    public static async Task<bool> HasUniqueIndexAsync(MigrationContext context, string table, string column, CancellationToken cancellationToken)
    {
        var sql = context.Dialect == SqlDialect.Sqlite
            ? "SELECT COUNT(*) FROM pragma_index_list(@table) l WHERE l.\"unique\" = 1 AND l.partial = 0 "
              + "AND (SELECT COUNT(*) FROM pragma_index_info(l.name)) = 1 AND (SELECT name FROM pragma_index_info(l.name)) = @column"
            : "SELECT COUNT(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
              + "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0] "
              + "WHERE n.nspname = current_schema() AND t.relname = @table AND i.indisunique AND i.indnatts = 1 AND i.indpred IS NULL AND a.attname = @column";
        var counts = await context.QueryStringsAsync(
            sql, cancellationToken, SqlParameterValue.Text("@table", table), SqlParameterValue.Text("@column", column)).ConfigureAwait(false);
        return counts is [var count] && count != "0";
    }

    /// <summary>Returns which of the given names are already taken by a constraint or a relation (table, index, view) on PostgreSQL.</summary>
    public static Task<List<string>> TakenPostgreSqlNamesAsync(MigrationContext context, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var parameters = names.Select((name, i) => SqlParameterValue.Text("@n" + i, name)).ToArray();
        var list = string.Join(", ", parameters.Select(parameter => parameter.Name));
        return context.QueryStringsAsync(
            $"SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conname IN ({list}) "
            + $"UNION SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname IN ({list})",
            cancellationToken,
            parameters);
    }
}
