using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using static Nosis.AgentRuntime.Data.Tests.Legacy.LegacySchemaScript;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>Hand-written legacy databases the migration must refuse: it names the table, the rows, the rule and the fix, and changes nothing.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class LegacyRefusalTests(DatabaseKind kind) : LegacyDatabaseTest(kind)
{
    [Test]
    public async Task MigrateAsync_OrphanMessages_RefusedAsOrphanedBeforeTheMigrationWithTheFirstFiveIdsAndTheCount()
    {
        // SQLite declares the foreign key but, by default, does not enforce it; a PostgreSQL team without the key has the same rows.
        await CreateLegacyAsync(
            new LegacyShape { ForeignKeys = Kind == DatabaseKind.Sqlite },
            [Conversation("c1", "u1", null, null, "default"), Message("m-ok", "c1"), .. Enumerable.Range(1, 7).Select(i => Message($"m-orphan-{i}", "c-gone"))]);

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Version.Should().Be(2);
        var problem = refusal.Problems.Should().ContainSingle().Subject;
        problem.Table.Should().Be("messages");
        problem.RowCount.Should().Be(7);
        problem.RowIds.Should().Equal("m-orphan-1", "m-orphan-2", "m-orphan-3", "m-orphan-4", "m-orphan-5");
        refusal.Message.Should().Contain("orphaned before the migration ran").And.Contain("7 rows ('m-orphan-1', ")
            .And.Contain("DELETE FROM messages WHERE id IN").And.Contain("nothing was changed");
        (await Database.GetSchemaVersionAsync()).Should().Be(0);
    }

    [Test]
    public async Task MigrateAsync_ConversationInAnotherOfficeThanItsWorkspace_RefusedNamingTheConversation()
    {
        await CreateLegacyAsync(
            new LegacyShape(),
            Office("o-a", null),
            Office("o-b", null),
            Workspace("w-a", "u1", "o-a"),
            Workspace("w-personal", "u2", null),
            Office("o-u2", "u2"),
            Conversation("c-ok", "u1", "o-a", "w-a", "sandbox"),
            Conversation("c-other-office", "u1", "o-b", "w-a", "sandbox"),
            Conversation("c-not-the-creators-office", "u3", "o-a", "w-personal", "sandbox"));

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        var problem = refusal.Problems.Should().ContainSingle().Subject;
        problem.Table.Should().Be("conversations");
        problem.RowIds.Should().Equal("c-not-the-creators-office", "c-other-office");
        problem.Rule.Should().Contain("not the office of the conversation's workspace");
        problem.Fix.Should().Contain("detach");
    }

    [Test]
    public async Task MigrateAsync_TargetNoRuleReads_RefusedNamingTheRowsWithoutEchoingTheValue()
    {
        await CreateLegacyAsync(
            new LegacyShape(),
            Conversation("c-ok", "u1", null, null, "Default"),
            Conversation("c-cloud", "u1", null, null, "cloud\u0007\nforged log line"));

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Problems.Should().ContainSingle().Which.RowIds.Should().Equal("c-cloud");
        refusal.Message.Should().NotContain("forged log line").And.Contain("execution_target is none of");
    }

    [Test]
    public async Task MigrateAsync_OrphanedWorkspaceAndOfficeReferences_EachReportedAsOrphanedBefore()
    {
        await CreateLegacyAsync(
            new LegacyShape { ForeignKeys = Kind == DatabaseKind.Sqlite },
            Workspace("w-ghost-office", "u1", "o-gone"),
            Conversation("c-ghost-workspace", "u1", null, "w-gone", "sandbox"),
            Conversation("c-ghost-office", "u1", "o-gone", null, "sandbox"));

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Problems.Select(p => (p.Table, string.Join(",", p.RowIds))).Should().BeEquivalentTo(
            [("conversations", "c-ghost-workspace"), ("conversations", "c-ghost-office"), ("workspaces", "w-ghost-office")]);
        refusal.Problems.Should().OnlyContain(p => p.Rule.Contains("orphaned before the migration ran"));
    }

    [Test]
    public async Task MigrateAsync_SchemaMatchingNeither_RefusedSayingWhatDiffers()
    {
        await CreateLegacyAsync(new LegacyShape(), "DROP TABLE messages", "ALTER TABLE conversations DROP COLUMN title");

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Version.Should().Be(1);
        refusal.Problems.Select(p => p.Table).Should().BeEquivalentTo("messages", "conversations");
        refusal.Message.Should().Contain("column is missing: title").And.Contain("the table is missing");
    }

    [Test]
    public async Task MigrateAsync_ColumnsOfALaterMigrationButNoMigrationsTable_RefusedAsLostHistory()
    {
        await CreateLegacyAsync(new LegacyShape(), "ALTER TABLE conversations ADD COLUMN lease_owner TEXT NULL");

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Problems.Should().ContainSingle().Which.Rule.Should().Contain("lease_owner of migration 3");
    }

    [Test]
    public async Task MigrateAsync_PersonalOfficeNotUnique_RefusedBeforeTwoOfficesCouldBeMadeForOneUser()
    {
        await CreateLegacyAsync(
            new LegacyShape(),
            "CREATE TABLE offices_plain (id TEXT PRIMARY KEY, name TEXT NOT NULL, personal_user_id TEXT, created_at BIGINT NOT NULL)",
            Kind == DatabaseKind.Sqlite ? "DROP TABLE offices" : "DROP TABLE offices CASCADE",
            "ALTER TABLE offices_plain RENAME TO offices");

        var refusal = await MigrationRefusedAndNothingChangedAsync();

        refusal.Problems.Should().ContainSingle().Which.Fix.Should().Contain("CREATE UNIQUE INDEX");
    }
}
