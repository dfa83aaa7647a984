using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>
/// The legacy schema written by hand in plain SQL, as a team adopting the package has it: no schema_migrations, a nullable
/// execution_target, each dialect's own types, and optionally the team's own column, index, trigger and view.
/// </summary>
public static class LegacySchemaScript
{
    /// <summary>Returns the statements that create the schema.</summary>
    /// <param name="kind">The database.</param>
    /// <param name="shape">The variations.</param>
    /// <returns>Plain SQL statements.</returns>
    public static IReadOnlyList<string> Create(DatabaseKind kind, LegacyShape shape)
    {
        var sqlite = kind == DatabaseKind.Sqlite;
        var integer = sqlite ? "INTEGER" : "BIGINT";
        var serial = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
        var team = shape.TeamObjects;
        string References(string target) => shape.ForeignKeys ? " REFERENCES " + target : string.Empty;
        var statements = new List<string>
        {
            $"CREATE TABLE offices (id TEXT PRIMARY KEY, name TEXT NOT NULL, personal_user_id TEXT UNIQUE, created_at {integer} NOT NULL)",
            $"CREATE TABLE workspaces (id TEXT PRIMARY KEY, office_id TEXT{References("offices (id)")}, user_id TEXT NOT NULL, name TEXT NOT NULL, "
            + $"created_at {integer} NOT NULL, updated_at {integer} NOT NULL{(team ? ", color TEXT NULL" : string.Empty)})",
            "CREATE TABLE conversations (\n"
            + $"  id TEXT PRIMARY KEY,\n  user_id TEXT NOT NULL,\n  office_id TEXT{References("offices (id)")},\n"
            + $"  workspace_id TEXT{References("workspaces (id)")},\n  execution_target TEXT DEFAULT 'default', -- nullable, as the team had it\n"
            + (team ? "  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),\n" : string.Empty)
            + $"  agent_id TEXT,\n  title TEXT,\n  created_at {integer} NOT NULL,\n  updated_at {integer} NOT NULL\n)",
            $"CREATE TABLE messages (seq {serial}, id TEXT NOT NULL UNIQUE, "
            + $"conversation_id TEXT NOT NULL{References("conversations (id) ON DELETE CASCADE")}, "
            + $"role TEXT NOT NULL, user_id TEXT, content TEXT NOT NULL, model TEXT, input_tokens {integer}, output_tokens {integer}, completion TEXT, "
            + $"is_truncated {integer} NOT NULL DEFAULT 0, agent_id TEXT, run_id TEXT, created_at {integer} NOT NULL)",
            "CREATE INDEX ix_messages_conversation ON messages (conversation_id, created_at, seq)",
            "CREATE INDEX ix_conversations_user ON conversations (user_id, updated_at)",
        };
        if (team)
        {
            statements.Add($"CREATE TABLE team_audit (seq {serial}, conversation_id TEXT NOT NULL, title TEXT)");
            statements.Add("CREATE INDEX ix_team_conversations_pinned ON conversations (pinned, updated_at)");
            statements.Add("CREATE VIEW team_pinned AS SELECT id, title, pinned FROM conversations WHERE pinned = 1");
            if (sqlite)
            {
                statements.Add(
                    "CREATE TRIGGER trg_team_audit AFTER UPDATE OF title ON conversations "
                    + "BEGIN INSERT INTO team_audit (conversation_id, title) VALUES (new.id, new.title); END");
            }
            else
            {
                statements.Add(
                    "CREATE FUNCTION team_audit_title() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN INSERT INTO team_audit (conversation_id, title) VALUES (NEW.id, NEW.title); RETURN NEW; END $$");
                statements.Add("CREATE TRIGGER trg_team_audit AFTER UPDATE OF title ON conversations FOR EACH ROW EXECUTE FUNCTION team_audit_title()");
            }
        }

        return statements;
    }

    /// <summary>Returns an INSERT of one conversation; <paramref name="office"/>, <paramref name="workspace"/> and <paramref name="target"/> may be NULL.</summary>
    /// <param name="id">The id.</param>
    /// <param name="user">The owner.</param>
    /// <param name="office">The office id, or null.</param>
    /// <param name="workspace">The workspace id, or null.</param>
    /// <param name="target">The stored target, or null.</param>
    /// <returns>The statement.</returns>
    public static string Conversation(string id, string user, string? office, string? workspace, string? target) =>
        "INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, title, created_at, updated_at) "
        + $"VALUES ({Literal(id)}, {Literal(user)}, {Literal(office)}, {Literal(workspace)}, {Literal(target)}, {Literal("title " + id)}, 1000, 2000)";

    /// <summary>Returns an INSERT of one workspace.</summary>
    /// <param name="id">The id.</param>
    /// <param name="user">The creator.</param>
    /// <param name="office">The office id, or null.</param>
    /// <returns>The statement.</returns>
    public static string Workspace(string id, string user, string? office) =>
        $"INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at) VALUES ({Literal(id)}, {Literal(office)}, {Literal(user)}, 'ws', 1000, 2000)";

    /// <summary>Returns an INSERT of one office.</summary>
    /// <param name="id">The id.</param>
    /// <param name="personalUser">The user whose personal office it is, or null for a shared office.</param>
    /// <returns>The statement.</returns>
    public static string Office(string id, string? personalUser) =>
        $"INSERT INTO offices (id, name, personal_user_id, created_at) VALUES ({Literal(id)}, 'office', {Literal(personalUser)}, 1000)";

    /// <summary>Returns an INSERT of one user message.</summary>
    /// <param name="id">The id.</param>
    /// <param name="conversation">The conversation id (which may not exist).</param>
    /// <returns>The statement.</returns>
    public static string Message(string id, string conversation) =>
        $"INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ({Literal(id)}, {Literal(conversation)}, 'user', 'hello', 1000)";

    private static string Literal(string? value) => value is null ? "NULL" : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
