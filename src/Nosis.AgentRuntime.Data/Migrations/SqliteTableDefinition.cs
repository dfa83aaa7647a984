using System.Text;

namespace Nosis.AgentRuntime.Data.Migrations;

/// <summary>
/// A SQLite <c>CREATE TABLE</c> statement as <c>sqlite_master</c> stores it, split into its column definitions and table
/// constraints (top-level commas, outside quotes, brackets and comments), so that a rebuild can redefine the columns it owns
/// and keep everything else as the user wrote it.
/// </summary>
internal sealed class SqliteTableDefinition
{
    private static readonly string[] ConstraintKeywords = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"];

    private SqliteTableDefinition(IReadOnlyList<(string? Column, string Text)> elements, string options)
    {
        Elements = elements;
        Options = options;
    }

    /// <summary>Gets the definitions in order: a column (with its name) or a table constraint (name <see langword="null"/>).</summary>
    public IReadOnlyList<(string? Column, string Text)> Elements { get; }

    /// <summary>Gets what follows the closing parenthesis (<c>STRICT</c>, <c>WITHOUT ROWID</c>), trimmed.</summary>
    public string Options { get; }

    /// <summary>Splits a stored statement; <see langword="null"/> when it is not a plain <c>CREATE TABLE name (…)</c>.</summary>
    public static SqliteTableDefinition? TryParse(string sql)
    {
        var open = sql.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !sql.TrimStart().StartsWith("CREATE TABLE", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var elements = new List<(string?, string)>();
        var depth = 0;
        var start = open + 1;
        for (var i = open + 1; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                i = sql.IndexOf(close, i + 1);
                if (i < 0)
                {
                    return null;
                }
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var end and >= 0 ? end : sql.Length;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 1 : sql.Length;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if ((c == ',' && depth == 0) || c == ')')
            {
                elements.Add(Element(sql[start..i]));
                start = i + 1;
                if (c == ')')
                {
                    return new SqliteTableDefinition(elements, sql[(i + 1)..].Trim());
                }
            }
        }

        return null;
    }

    /// <summary>Returns the statement that creates a table of this shape under another name, some columns redefined.</summary>
    /// <param name="table">The new table's name.</param>
    /// <param name="ownColumns">The definitions of the columns the migration owns, by column name; other columns stay as written.</param>
    /// <param name="ownConstraints">Table constraints the migration adds after the user's.</param>
    public string CreateStatement(string table, IReadOnlyDictionary<string, string> ownColumns, IEnumerable<string> ownConstraints)
    {
        var body = Elements.Select(element => element.Column is { } column && ownColumns.TryGetValue(column, out var own) ? own : element.Text)
            .Concat(ownConstraints);
        return new StringBuilder("CREATE TABLE ").Append(table).Append(" (\n    ").AppendJoin(",\n    ", body).Append("\n)").ToString();
    }

    private static (string?, string) Element(string text)
    {
        var trimmed = text.Trim();
        var name = trimmed;
        while (name.StartsWith("--", StringComparison.Ordinal) || name.StartsWith("/*", StringComparison.Ordinal))
        {
            var end = name.StartsWith("--", StringComparison.Ordinal) ? name.IndexOf('\n') : name.IndexOf("*/", StringComparison.Ordinal) + 1;
            name = end <= 0 ? string.Empty : name[(end + 1)..].TrimStart();
        }

        var first = FirstToken(name);
        return ConstraintKeywords.Contains(first, StringComparer.OrdinalIgnoreCase) ? (null, trimmed) : (Unquote(first), trimmed);
    }

    private static string FirstToken(string text)
    {
        if (text.Length > 0 && text[0] is '"' or '`' or '[')
        {
            var close = text[0] == '[' ? ']' : text[0];
            var end = text.IndexOf(close, 1);
            return end < 0 ? text : text[..(end + 1)];
        }

        var length = 0;
        while (length < text.Length && !char.IsWhiteSpace(text[length]) && text[length] != '(')
        {
            length++;
        }

        return text[..length];
    }

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] is '"' or '`' or '[' ? token[1..^1] : token;
}
