namespace Nosis.AgentRuntime.Data;

/// <summary>One reason a migration was refused: where, which rule, which rows, and what to do about it.</summary>
/// <param name="Table">The table (or, for a schema problem, the object) the problem is in.</param>
/// <param name="Rule">The rule the rows or the schema break.</param>
/// <param name="Fix">What to do so that the migration can run.</param>
/// <param name="RowIds">The ids of the first few offending rows, in id order; empty for a schema problem.</param>
/// <param name="RowCount">How many rows break the rule; 0 for a schema problem.</param>
public sealed record SchemaMigrationProblem(string Table, string Rule, string Fix, IReadOnlyList<string> RowIds, int RowCount)
{
    /// <summary>Gets how many row ids a problem names at most; <see cref="RowCount"/> gives the total.</summary>
    public const int MaxRowIds = 5;

    /// <summary>Returns the problem as one line of a refusal message.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var rows = RowCount == 0
            ? string.Empty
            : $" {RowCount} row{(RowCount == 1 ? string.Empty : "s")} ({string.Join(", ", RowIds.Select(Quote))}{(RowCount > RowIds.Count ? ", …" : string.Empty)}):";
        return $"table '{Table}':{rows} {Rule}. Fix: {Fix}";
    }

    // Ids come from the database: bounded and escaped, so that a hostile value cannot flood or forge a log line.
    private static string Quote(string id)
    {
        var shown = id.Length > 64 ? id[..64] + "…" : id;
        var escaped = new System.Text.StringBuilder(shown.Length + 2).Append('\'');
        foreach (var c in shown)
        {
            _ = char.IsControl(c) ? escaped.Append($"\\u{(int)c:x4}") : escaped.Append(c);
        }

        return escaped.Append('\'').ToString();
    }
}
