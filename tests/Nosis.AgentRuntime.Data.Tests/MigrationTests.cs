using System.Data.Common;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class MigrationTests(DatabaseKind kind) : DatabaseTest(kind)
{
    protected override bool MigrateOnSetUp => false;

    [Test]
    public async Task MigrateAsync_LegacyDatabase_EveryRowOfficeOwnedAndNoDefaultTargets()
    {
        await CreateLegacyDatabaseAsync();

        await Database.MigrateAsync();

        (await Database.GetSchemaVersionAsync()).Should().Be(AgentRuntimeDatabase.LatestSchemaVersion);
        (await QueryAsync("SELECT id FROM conversations WHERE office_id IS NULL")).Should().BeEmpty();
        (await QueryAsync("SELECT id FROM workspaces WHERE office_id IS NULL")).Should().BeEmpty();
        (await QueryAsync("SELECT id FROM conversations WHERE execution_target NOT IN ('sandbox', 'local')")).Should().BeEmpty();
        var u1 = (await Database.Offices.GetOrCreatePersonalOfficeAsync("u1")).Id;
        var u2 = (await Database.Offices.GetOrCreatePersonalOfficeAsync("u2")).Id;
        u2.Should().Be("office-u2-existing", "a personal office that already existed is reused, not duplicated");
        (await Database.Workspaces.GetWorkspaceAsync("w1"))!.OfficeId.Should().Be(u1);
        (await Database.Conversations.GetConversationAsync("c-chat-u1"))!.OfficeId.Should().Be(u1);
        (await Database.Conversations.GetConversationAsync("c-chat-u2"))!.OfficeId.Should().Be(u2);
        (await Database.Conversations.GetConversationAsync("c-code-u1"))!.OfficeId.Should().Be(u1, "a conversation takes its workspace's office");
        (await Database.Conversations.GetConversationAsync("c-code-w2"))!.OfficeId.Should().Be("office-shared-w2", "a code thread without an office takes its workspace's");
        (await Database.Conversations.GetConversationAsync("c-shared"))!.OfficeId.Should().Be("office-shared", "an owned row keeps its office");
        var local = await Database.Conversations.GetConversationAsync("c-local");
        local!.ExecutionTarget.Should().Be(ExecutionTarget.Local);
        local.OfficeId.Should().Be((await Database.Offices.GetOrCreatePersonalOfficeAsync("u3")).Id);
        (await QueryAsync("SELECT execution_target FROM conversations WHERE id = 'c-chat-u1'")).Single()[0].Should().Be("sandbox");
        (await QueryAsync("SELECT personal_user_id FROM offices WHERE personal_user_id IS NOT NULL ORDER BY personal_user_id"))
            .Select(row => row[0]).Should().Equal("u1", "u2", "u3");
        (await QueryAsync("SELECT COUNT(*) FROM messages")).Single()[0].Should().Be("2", "rebuilding conversations must not cascade-delete messages");
    }

    [Test]
    public async Task MigrateAsync_Migrated_InsertWithNullOfficeFails()
    {
        await CreateLegacyDatabaseAsync();
        await Database.MigrateAsync();

        var nullOffice = () => ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, execution_target, created_at, updated_at) VALUES ('n1', 'u1', NULL, 'sandbox', 0, 0)");
        var blankOffice = () => ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, execution_target, created_at, updated_at) VALUES ('n2', 'u1', '', 'sandbox', 0, 0)");
        var nullWorkspaceOffice = () => ExecuteAsync(
            "INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at) VALUES ('nw', NULL, 'u1', 'n', 0, 0)");
        var legacyTarget = () => ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, execution_target, created_at, updated_at) VALUES ('n3', 'u1', 'office-shared', 'default', 0, 0)");
        var otherOfficeThanWorkspace = () => ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, created_at, updated_at) "
            + "VALUES ('n4', 'u1', 'office-shared', 'w1', 'sandbox', 0, 0)");
        var defaultTarget = await ExecuteAsync(
            "INSERT INTO conversations (id, user_id, office_id, created_at, updated_at) VALUES ('n5', 'u1', 'office-shared', 0, 0)");

        await nullOffice.Should().ThrowAsync<DbException>();
        await blankOffice.Should().ThrowAsync<DbException>();
        await nullWorkspaceOffice.Should().ThrowAsync<DbException>();
        await legacyTarget.Should().ThrowAsync<DbException>();
        await otherOfficeThanWorkspace.Should().ThrowAsync<DbException>();
        defaultTarget.Should().Be(1);
        (await Database.Conversations.GetConversationAsync("n5"))!.ExecutionTarget.Should().Be(ExecutionTarget.Sandbox);
    }

    [Test]
    public async Task MigrateAsync_RunTwice_ChangesNothing()
    {
        await CreateLegacyDatabaseAsync();
        await Database.MigrateAsync();
        var schemaBefore = await SchemaSnapshotAsync();
        var dataBefore = await DataSnapshotAsync();

        Time.Advance(TimeSpan.FromHours(1));
        await Database.MigrateAsync();
        await TestDatabase.Open(Time).MigrateAsync();

        (await SchemaSnapshotAsync()).Should().Equal(schemaBefore);
        (await DataSnapshotAsync()).Should().Equal(dataBefore);
    }

    [Test]
    public async Task MigrateAsync_ManyInstancesAtOnce_AppliesEachMigrationOnce()
    {
        await CreateLegacyDatabaseAsync();
        var instances = Enumerable.Range(0, 6).Select(_ => TestDatabase.Open(Time)).ToList();

        await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.MigrateAsync())));

        (await QueryAsync("SELECT version FROM schema_migrations ORDER BY version")).Select(row => row[0])
            .Should().Equal(Migrations.SchemaMigrations.All.Select(m => m.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        (await QueryAsync("SELECT COUNT(*) FROM offices WHERE personal_user_id = 'u1'")).Single()[0].Should().Be("1");
    }

    [Test]
    public async Task MigrateAsync_EmptyDatabase_ReachesLatestVersionAndStoresWork()
    {
        (await Database.GetSchemaVersionAsync()).Should().Be(0);

        await Database.MigrateAsync();

        (await Database.GetSchemaVersionAsync()).Should().Be(AgentRuntimeDatabase.LatestSchemaVersion);
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("user"));
        (await Database.TurnLeases.TryAcquireAsync(conversation.Id, "owner", TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    [Test]
    public async Task MigrateAsync_StoredReplyBeforeDetailedUsage_ReadsBackWithNullDetailsAndSecondRunChangesNothing()
    {
        await Database.MigrateToAsync(3, CancellationToken.None);
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("u1"));
        await ExecuteAsync(
            "INSERT INTO messages (id, conversation_id, role, content, model, input_tokens, output_tokens, completion, is_truncated, agent_id, run_id, created_at) "
            + $"VALUES ('m-old', '{conversation.Id}', 'assistant', 'old reply', 'model-x', 12, 34, 'completed', 0, 'agent-1', 'run-1', 1000)");

        await Database.MigrateAsync();
        var schemaBefore = await SchemaSnapshotAsync();
        var dataBefore = await DataSnapshotAsync();
        Time.Advance(TimeSpan.FromHours(1));
        await Database.MigrateAsync();

        (await Database.GetSchemaVersionAsync()).Should().Be(AgentRuntimeDatabase.LatestSchemaVersion);
        var stored = (await Database.Messages.ListMessagesAsync(conversation.Id)).Single();
        stored.Should().BeEquivalentTo(new MessageRecord("m-old", conversation.Id, MessageRole.Assistant, "old reply", DateTimeOffset.FromUnixTimeMilliseconds(1000))
        {
            Model = "model-x",
            InputTokens = 12,
            OutputTokens = 34,
            ReasoningTokens = null,
            CachedInputTokens = null,
            StepCount = null,
            Completion = Contracts.ReplyCompletion.Completed,
            AgentId = "agent-1",
            RunId = "run-1",
        });
        (await SchemaSnapshotAsync()).Should().Equal(schemaBefore);
        (await DataSnapshotAsync()).Should().Equal(dataBefore);
    }

    /// <summary>Applies only migration 1 and inserts rows as older versions of the product left them.</summary>
    private async Task CreateLegacyDatabaseAsync()
    {
        await Database.MigrateToAsync(1, CancellationToken.None);
        await ExecuteAsync("INSERT INTO offices (id, name, personal_user_id, created_at) VALUES ('office-shared', 'Shared', NULL, 0)");
        await ExecuteAsync("INSERT INTO offices (id, name, personal_user_id, created_at) VALUES ('office-shared-w2', 'Shared 2', NULL, 0)");
        await ExecuteAsync("INSERT INTO offices (id, name, personal_user_id, created_at) VALUES ('office-u2-existing', 'Personal', 'u2', 0)");
        await ExecuteAsync("INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at) VALUES ('w1', NULL, 'u1', 'legacy', 0, 0)");
        await ExecuteAsync("INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at) VALUES ('w2', 'office-shared-w2', 'u3', 'owned', 0, 0)");
        string[] conversations =
        [
            "('c-chat-u1', 'u1', NULL, NULL, 'default')",
            "('c-chat-u2', 'u2', NULL, NULL, 'sandbox')",
            "('c-code-u1', 'u1', NULL, 'w1', 'default')",
            "('c-code-w2', 'u3', NULL, 'w2', 'sandbox')",
            "('c-shared', 'u3', 'office-shared', NULL, 'default')",
            "('c-local', 'u3', NULL, NULL, 'local')",
        ];
        foreach (var values in conversations)
        {
            await ExecuteAsync(
                "INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, created_at, updated_at) VALUES "
                + values.TrimEnd(')') + ", 0, 0)");
        }

        await ExecuteAsync("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('m1', 'c-chat-u1', 'user', 'hi', 0)");
        await ExecuteAsync("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('m2', 'c-code-u1', 'user', 'hi', 0)");
    }

    private Task<List<string>> SchemaSnapshotAsync() => DatabaseSnapshot.SchemaAsync(TestDatabase);

    private Task<List<string>> DataSnapshotAsync() => DatabaseSnapshot.DataAsync(TestDatabase);
}
