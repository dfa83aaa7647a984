using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>A database still at the legacy schema: reads and updates give a missing office at run time.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class RuntimeBackfillTests(DatabaseKind kind) : DatabaseTest(kind)
{
    protected override bool MigrateOnSetUp => false;

    [SetUp]
    public Task MigrateToLegacySchemaAsync() => Database.MigrateToAsync(1, CancellationToken.None);

    [Test]
    public async Task GetConversationAsync_SixteenConcurrentReadsOfLegacyRow_OneOfficeAndOneUpdate()
    {
        await InsertLegacyConversationAsync("legacy", "user-1", workspaceId: null, "default");
        var instances = Enumerable.Range(0, 4).Select(_ => TestDatabase.Open(Time)).ToList();
        using var start = new ManualResetEventSlim();

        var reads = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await instances[i % instances.Count].Conversations.GetConversationAsync("legacy");
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(reads);

        results.Select(r => r!.OfficeId).Distinct().Should().ContainSingle();
        instances.Sum(instance => instance.OfficeBackfills).Should().Be(1, "exactly one conditional UPDATE changed the row");
        (await QueryAsync("SELECT office_id FROM conversations WHERE id = 'legacy'")).Single()[0].Should().Be(results[0]!.OfficeId);
        (await QueryAsync("SELECT COUNT(*) FROM offices WHERE personal_user_id = 'user-1'")).Single()[0].Should().Be("1");
        results[0]!.ExecutionTarget.Should().Be(ExecutionTarget.Sandbox, "a stored legacy 'default' reads as sandbox");
    }

    [Test]
    public async Task UpdateConversationAsync_LegacyRow_BackfillsOfficeThenUpdates()
    {
        await InsertLegacyConversationAsync("legacy", "user-1", workspaceId: null, "sandbox");

        var updated = await Database.Conversations.UpdateConversationAsync("legacy", new ConversationUpdate { Title = "renamed" });

        updated!.Title.Should().Be("renamed");
        updated.OfficeId.Should().Be((await Database.Offices.GetOrCreatePersonalOfficeAsync("user-1")).Id);
        Database.OfficeBackfills.Should().Be(1);
    }

    [Test]
    public async Task GetConversationAsync_LegacyRowInLegacyWorkspace_TakesTheWorkspaceOffice()
    {
        await ExecuteAsync("INSERT INTO workspaces (id, office_id, user_id, name, created_at, updated_at) VALUES ('w', NULL, 'ws-owner', 'w', 0, 0)");
        await InsertLegacyConversationAsync("legacy", "user-1", "w", "default");

        var conversation = await Database.Conversations.GetConversationAsync("legacy");

        var workspaceOffice = (await Database.Offices.GetOrCreatePersonalOfficeAsync("ws-owner")).Id;
        conversation!.OfficeId.Should().Be(workspaceOffice);
        (await Database.Workspaces.GetWorkspaceAsync("w"))!.OfficeId.Should().Be(workspaceOffice);
        conversation.ToRuntime().OfficeId.Should().Be(workspaceOffice);
    }

    [Test]
    public async Task ListConversationsAsync_LegacyRows_ListedAsSandboxWithOffices()
    {
        await InsertLegacyConversationAsync("legacy-default", "user-1", workspaceId: null, "default");
        await InsertLegacyConversationAsync("legacy-local", "user-1", workspaceId: null, "local");

        var listed = await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "user-1" });

        listed.Select(c => c.Id).Should().Equal("legacy-default");
        listed[0].OfficeId.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task GetRuntimeAsync_LegacyRow_NeverMissesAnOffice()
    {
        await InsertLegacyConversationAsync("legacy", "user-1", workspaceId: null, "default");

        var runtime = await Database.Conversations.GetRuntimeAsync("legacy");

        runtime!.OfficeId.Should().NotBeNullOrWhiteSpace();
        runtime.ThreadKind.Should().Be(ThreadKind.Chat);
    }

    private Task InsertLegacyConversationAsync(string id, string userId, string? workspaceId, string target) => ExecuteAsync(
        "INSERT INTO conversations (id, user_id, office_id, workspace_id, execution_target, created_at, updated_at) VALUES (@p0, @p1, NULL, @p2, @p3, 0, 0)",
        id,
        userId,
        workspaceId,
        target);
}
