namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>Every schema object and every row of a test database as sorted text: two equal snapshots mean nothing changed.</summary>
public static class DatabaseSnapshot
{
    /// <summary>Takes the schema part: tables, columns, constraints, indexes, views and triggers.</summary>
    /// <param name="database">The test database.</param>
    /// <returns>One line per object.</returns>
    public static async Task<List<string>> SchemaAsync(TestDatabase database)
    {
        await using var connection = await RawConnection.OpenAsync(database);
        string[] queries = database.Kind == DatabaseKind.Sqlite
            ? ["SELECT type, name, tbl_name, sql FROM sqlite_master"]
            :
            [
                "SELECT table_name, column_name, ordinal_position, is_nullable, column_default, data_type FROM information_schema.columns WHERE table_schema = current_schema()",
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace",
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()",
                "SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()",
                "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal",
            ];
        var lines = new List<string>();
        foreach (var query in queries)
        {
            lines.AddRange((await RawConnection.QueryAsync(connection, query)).Select(Line));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Takes the data part: every row of every table.</summary>
    /// <param name="database">The test database.</param>
    /// <returns>One line per row, prefixed by its table.</returns>
    public static async Task<List<string>> DataAsync(TestDatabase database)
    {
        await using var connection = await RawConnection.OpenAsync(database);
        var tables = await RawConnection.QueryAsync(
            connection,
            database.Kind == DatabaseKind.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        var lines = new List<string>();
        foreach (var table in tables.Select(row => row[0]!))
        {
            lines.AddRange((await RawConnection.QueryAsync(connection, $"SELECT * FROM \"{table}\"")).Select(row => table + ":" + Line(row)));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Line(string?[] row) => string.Join('|', row.Select(value => value ?? "<null>"));
}
