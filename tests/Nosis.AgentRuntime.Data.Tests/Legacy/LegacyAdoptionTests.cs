using System.Data.Common;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Execution;
using static Nosis.AgentRuntime.Data.Tests.Legacy.LegacySchemaScript;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>Hand-written legacy databases the migration adopts and carries through, keeping the team's schema and every row.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class LegacyAdoptionTests(DatabaseKind kind) : LegacyDatabaseTest(kind)
{
    [Test]
    public async Task MigrateAsync_NoMigrationsTable_AdoptedAsVersionOneAndMigratedToTheLatest()
    {
        await CreateLegacyAsync(new LegacyShape(), Office("o-u2", "u2"), Conversation("c1", "u1", null, null, "default"), Conversation("c2", "u2", null, null, null), Message("m1", "c1"));

        await Database.MigrateAsync();

        (await QueryAsync("SELECT version FROM schema_migrations ORDER BY version")).Select(row => row[0])
            .Should().Equal(Migrations.SchemaMigrations.All.Select(m => m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (await Database.Conversations.GetRuntimeAsync("c1"))!.OfficeId.Should().Be((await Database.Offices.GetOrCreatePersonalOfficeAsync("u1")).Id);
        (await Database.Conversations.GetRuntimeAsync("c2"))!.OfficeId.Should().Be("o-u2", "an existing personal office is reused");
        (await Database.Messages.ListMessagesAsync("c1")).Should().ContainSingle().Which.Id.Should().Be("m1");
        (await Database.TurnLeases.TryAcquireAsync("c1", "owner", TimeSpan.FromSeconds(30))).Should().BeTrue("migrations 3 and 4 ran on the adopted tables");
    }

    [Test]
    public async Task MigrateAsync_TeamColumnIndexTriggerAndView_AllKeptWithTheirData()
    {
        await CreateLegacyAsync(
            new LegacyShape { TeamObjects = true },
            Workspace("w1", "u1", null),
            "UPDATE workspaces SET color = 'teal' WHERE id = 'w1'",
            Conversation("c-pinned", "u1", null, null, "default"),
            Conversation("c-code", "u1", null, "w1", "sandbox"),
            "UPDATE conversations SET pinned = 1 WHERE id = 'c-pinned'",
            Message("m1", "c-pinned"));
        var objectsBefore = TeamObjectNames(await DatabaseSnapshot.SchemaAsync(TestDatabase));

        await Database.MigrateAsync();

        TeamObjectNames(await DatabaseSnapshot.SchemaAsync(TestDatabase)).Should().Equal(objectsBefore, "the team's index, trigger and view survive");
        objectsBefore.Should().HaveCount(4, "the fixture has an index, a trigger, a view and a table of the team's");
        (await QueryAsync("SELECT id, pinned FROM conversations ORDER BY id")).Should().BeEquivalentTo([new[] { "c-code", "0" }, ["c-pinned", "1"]]);
        (await QueryAsync("SELECT color FROM workspaces WHERE id = 'w1'")).Single()[0].Should().Be("teal");
        (await QueryAsync("SELECT id FROM team_pinned")).Select(row => row[0]).Should().Equal("c-pinned");
        await ExecuteAsync("UPDATE conversations SET title = 'renamed' WHERE id = 'c-pinned'");
        (await QueryAsync("SELECT conversation_id, title FROM team_audit")).Should().BeEquivalentTo([new[] { "c-pinned", "renamed" }], "the trigger still fires");
        await FluentActions.Invoking(() => ExecuteAsync("UPDATE conversations SET pinned = 7 WHERE id = 'c-pinned'"))
            .Should().ThrowAsync<DbException>("the team column keeps its CHECK");
        await FluentActions.Invoking(() => ExecuteAsync("UPDATE conversations SET office_id = NULL WHERE id = 'c-pinned'"))
            .Should().ThrowAsync<DbException>("office ownership is enforced on the rebuilt table");
        (await Database.Messages.ListMessagesAsync("c-pinned")).Should().ContainSingle();
    }

    [Test]
    public async Task MigrateAsync_NullableTargetHoldingNullBlankAndLetterCaseVariants_ReadTheSameBeforeAndAfterAndNullIsRefusedAfterwards()
    {
        (string Id, string? Stored, ExecutionTarget Expected)[] rows =
        [
            ("c-null", null, ExecutionTarget.Sandbox),
            ("c-empty", "", ExecutionTarget.Sandbox),
            ("c-spaces", "  ", ExecutionTarget.Sandbox),
            ("c-Default", "Default", ExecutionTarget.Sandbox),
            ("c-SANDBOX", " SANDBOX", ExecutionTarget.Sandbox),
            ("c-Local", "Local", ExecutionTarget.Local),
            ("c-local", "local", ExecutionTarget.Local),
        ];
        await CreateLegacyAsync(new LegacyShape(), rows.Select(row => Conversation(row.Id, "u1", null, null, row.Stored)));
        var before = new Dictionary<string, ExecutionTarget>();
        foreach (var row in rows)
        {
            before[row.Id] = (await Database.Conversations.GetConversationAsync(row.Id))!.ExecutionTarget;
        }

        await Database.MigrateAsync();

        before.Should().BeEquivalentTo(rows.ToDictionary(row => row.Id, row => row.Expected), "read time reads a stored target by the migration's rule");
        (await QueryAsync("SELECT id, execution_target FROM conversations ORDER BY id")).Select(row => (row[0], row[1]))
            .Should().BeEquivalentTo(rows.Select(row => ((string?)row.Id, (string?)ExecutionTargets.ToWireName(row.Expected))));
        foreach (var row in rows)
        {
            (await Database.Conversations.GetConversationAsync(row.Id))!.ExecutionTarget.Should().Be(row.Expected);
        }

        await FluentActions.Invoking(() => ExecuteAsync("UPDATE conversations SET execution_target = NULL WHERE id = 'c-null'"))
            .Should().ThrowAsync<DbException>("no value the runtime cannot read may come back");
        (await Database.Conversations.ListConversationsAsync(new ConversationQuery { ExecutionTarget = ExecutionTarget.Local })).Select(c => c.Id)
            .Should().BeEquivalentTo("c-Local", "c-local");
    }

    [Test]
    public async Task MigrateAsync_BlankOfficeAndWorkspaceIds_TreatedAsMissingTheSameWayAsAtReadTime()
    {
        string[] rows =
        [
            Office("o-shared", null),
            Workspace("w-blank-office", "u-ws", ""),
            Workspace("w-shared", "u-ws", "o-shared"),
            Conversation("c-blank-office", "u1", "", null, "sandbox"),
            Conversation("c-blank-workspace", "u2", null, "", "sandbox"),
            Conversation("c-spaces-and-blank", "u3", "   ", "", "sandbox"),
            Conversation("c-in-blank-office-workspace", "u4", "", "w-blank-office", "sandbox"),
            Conversation("c-in-shared-workspace", "u5", " ", "w-shared", "sandbox"),
        ];
        // A blank office id is no office: PostgreSQL has such rows only where the team declared no foreign keys.
        var shape = new LegacyShape { ForeignKeys = Kind == DatabaseKind.Sqlite };
        await CreateLegacyAsync(shape, rows);
        await using var twin = await TestDatabase.CreateAsync(Kind);
        await RawConnection.ExecuteAsync(twin, [.. LegacySchemaScript.Create(Kind, shape), .. rows]);
        var unmigrated = twin.Open(Time);
        var readTime = new List<(string, string?, string?)>();
        foreach (var id in new[] { "c-blank-office", "c-blank-workspace", "c-spaces-and-blank", "c-in-blank-office-workspace", "c-in-shared-workspace" })
        {
            var read = (await unmigrated.Conversations.GetConversationAsync(id))!;
            readTime.Add((id, await OwnerOfAsync(unmigrated, read.OfficeId), read.WorkspaceId));
            read.ToRuntime().OfficeId.Should().NotBeNullOrWhiteSpace("a blank office never reaches the runtime");
        }

        await Database.MigrateAsync();

        var migrated = new List<(string, string?, string?)>();
        foreach (var (id, _, _) in readTime)
        {
            var read = (await Database.Conversations.GetConversationAsync(id))!;
            migrated.Add((id, await OwnerOfAsync(Database, read.OfficeId), read.WorkspaceId));
        }

        migrated.Should().Equal(
            ("c-blank-office", "personal:u1", null),
            ("c-blank-workspace", "personal:u2", null),
            ("c-spaces-and-blank", "personal:u3", null),
            ("c-in-blank-office-workspace", "personal:u-ws", "w-blank-office"),
            ("c-in-shared-workspace", "o-shared", "w-shared"));
        readTime.Should().Equal(migrated, "read time and the migration treat blank ids alike");
    }

    private static async Task<string?> OwnerOfAsync(AgentRuntimeDatabase database, string officeId)
    {
        var office = await database.Offices.GetOfficeAsync(officeId);
        return office?.PersonalUserId is { } user ? "personal:" + user : office?.Id;
    }

    private static List<string> TeamObjectNames(IEnumerable<string> schema) =>
        [.. schema.SelectMany(line => line.Split('|')).Where(part => part is "ix_team_conversations_pinned" or "trg_team_audit" or "team_pinned" or "team_audit").Distinct().Order()];
}
