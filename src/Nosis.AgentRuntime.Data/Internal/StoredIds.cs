namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>
/// When a stored office or workspace id counts as missing, the same at read time and in migration 2: NULL, empty, or spaces
/// only (what SQL's <c>TRIM</c> removes on both databases).
/// </summary>
internal static class StoredIds
{
    /// <summary>Tells whether a stored id is missing.</summary>
    public static bool IsBlank(string? value) => value is null || value.AsSpan().Trim(' ').IsEmpty;

    /// <summary>Returns the SQL condition "the column is missing", e.g. <c>(office_id IS NULL OR TRIM(office_id) = '')</c>.</summary>
    public static string IsBlankSql(string column) => $"({column} IS NULL OR TRIM({column}) = '')";
}
