using System.Text;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>
/// A large legacy data set in every shape the migration carries: 2 000 conversations of 400 users, about a third without an
/// office (NULL, empty or spaces), code threads in workspaces with a shared, missing or blank office, blank workspace ids,
/// NULL, blank and letter-case variants of the targets, the team's pinned column, two messages per conversation, and personal
/// offices for every fourth user already there. Knows which office and target each conversation must end with.
/// </summary>
public sealed class LegacyDataset
{
    private static readonly string?[] Targets = [null, "", "default", "Default", "sandbox", "SANDBOX", "local", "Local"];

    private readonly List<string> _statements = [];
    private readonly Dictionary<string, (string Office, string Target, string? Workspace)> _expected = new(StringComparer.Ordinal);

    /// <summary>Initializes the data set.</summary>
    /// <param name="conversations">How many conversations.</param>
    public LegacyDataset(int conversations = 2000)
    {
        const int users = 400, workspaces = 100;
        var offices = Enumerable.Range(0, 10).Select(s => $"('s{s}', 'shared {s}', NULL, 1000)")
            .Concat(Enumerable.Range(0, users).Where(u => u % 4 == 0).Select(u => $"('po-u{u}', 'personal', 'u{u}', 1000)"));
        Batch("INSERT INTO offices (id, name, personal_user_id, created_at) VALUES ", offices);

        var workspaceOffice = new string?[workspaces];
        var workspaceRows = new List<string>();
        for (var k = 0; k < workspaces; k++)
        {
            workspaceOffice[k] = (k % 3) switch { 0 => null, 1 => "", _ => $"s{k % 10}" };
            workspaceRows.Add($"('ws{k}', {Literal(workspaceOffice[k])}, 'u{k * 3 % users}', 'ws {k}', 1000, 2000, 'color {k}')");
        }

        Batch("INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at, color) VALUES ", workspaceRows);

        var conversationRows = new List<string>();
        var messageRows = new List<string>();
        for (var i = 0; i < conversations; i++)
        {
            var id = $"c{i:0000}";
            var user = $"u{i % users}";
            string? office, workspace = null, expected;
            if (i % 4 == 0)
            {
                var k = i % workspaces;
                workspace = $"ws{k}";
                var shared = workspaceOffice[k] is { Length: > 0 } s ? s : null;
                office = shared is not null && i % 8 == 0 ? shared : (i % 3 == 0 ? null : "");
                expected = shared ?? $"personal:u{k * 3 % users}";
            }
            else
            {
                office = (i % 10) switch
                {
                    1 => null,
                    2 => "",
                    3 => "  ",
                    _ => i % users % 4 == 0 ? $"po-u{i % users}" : $"s{i % 10}",
                };
                workspace = i % 10 == 5 ? "" : null;
                expected = office is { } o && o.Trim().Length > 0 ? (o.StartsWith("po-", StringComparison.Ordinal) ? "personal:" + user : o) : "personal:" + user;
            }

            var target = Targets[i % Targets.Length];
            _expected[id] = (expected, target?.Trim().Equals("local", StringComparison.OrdinalIgnoreCase) == true ? "local" : "sandbox", workspace is "" ? null : workspace);
            conversationRows.Add(
                $"('{id}', '{user}', {Literal(office)}, {Literal(workspace)}, {Literal(target)}, {(i % 7 == 0 ? 1 : 0)}, 'title {i}', {1000 + i}, {2000 + i})");
            messageRows.Add($"('m{i}-a', '{id}', 'user', 'question {i}', {3000 + i})");
            messageRows.Add($"('m{i}-b', '{id}', 'assistant', 'answer {i}', {3001 + i})");
        }

        Batch("INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, pinned, title, created_at, updated_at) VALUES ", conversationRows);
        Batch("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ", messageRows);
        PinnedCount = (conversations + 6) / 7;
        PersonalOfficeCount = _expected.Values.Select(v => v.Office).Where(o => o.StartsWith("personal:", StringComparison.Ordinal))
            .Concat(Enumerable.Range(0, users).Where(u => u % 4 == 0).Select(u => $"personal:u{u}"))
            .Concat(Enumerable.Range(0, workspaces).Where(k => workspaceOffice[k] is null or "").Select(k => $"personal:u{k * 3 % users}"))
            .Distinct().Count();
        MessageCount = 2 * conversations;
    }

    /// <summary>Gets the INSERT statements, batched.</summary>
    public IReadOnlyList<string> Statements => _statements;

    /// <summary>Gets, per conversation, its office after migration (an office id, or <c>personal:&lt;user&gt;</c>), its target and its workspace.</summary>
    public IReadOnlyDictionary<string, (string Office, string Target, string? Workspace)> Expected => _expected;

    /// <summary>Gets how many conversations are pinned (the team's column).</summary>
    public int PinnedCount { get; }

    /// <summary>Gets how many personal offices there must be afterwards: those there before and one per user who needed one.</summary>
    public int PersonalOfficeCount { get; }

    /// <summary>Gets how many messages there are.</summary>
    public int MessageCount { get; }

    private static string Literal(string? value) => value is null ? "NULL" : "'" + value + "'";

    private void Batch(string insert, IEnumerable<string> rows)
    {
        foreach (var chunk in rows.Chunk(500))
        {
            _statements.Add(new StringBuilder(insert).AppendJoin(", ", chunk).ToString());
        }
    }
}
