using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class ConversationStoreTests(DatabaseKind kind) : DatabaseTest(kind)
{
    [Test]
    public async Task CreateConversationAsync_ChatWithoutOffice_TakesPersonalOffice()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("alice") { Title = "hello" });

        var personal = await Database.Offices.GetOrCreatePersonalOfficeAsync("alice");
        conversation.OfficeId.Should().Be(personal.Id);
        personal.PersonalUserId.Should().Be("alice");
        (await Database.Conversations.GetConversationAsync(conversation.Id)).Should().Be(conversation);
        conversation.ToRuntime().OfficeId.Should().Be(personal.Id);
        conversation.ExecutionTarget.Should().Be(ExecutionTarget.Sandbox);
        (await QueryAsync("SELECT execution_target FROM conversations")).Single()[0].Should().Be("sandbox");
    }

    [Test]
    public async Task CreateConversationAsync_WithWorkspace_TakesTheWorkspaceOffice()
    {
        var office = await Database.Offices.CreateOfficeAsync("Team");
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo") { OfficeId = office.Id });

        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("bob") { WorkspaceId = workspace.Id });

        conversation.OfficeId.Should().Be(office.Id);
        conversation.ThreadKind.Should().Be(ThreadKind.Code);
    }

    [Test]
    public async Task CreateConversationAsync_OfficeOtherThanWorkspace_Refused()
    {
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo"));
        var other = await Database.Offices.CreateOfficeAsync("Other");

        var act = () => Database.Conversations.CreateConversationAsync(new NewConversation("alice") { WorkspaceId = workspace.Id, OfficeId = other.Id });

        await act.Should().ThrowAsync<OfficeOwnershipException>().WithMessage("*workspace's office*");
    }

    [Test]
    public async Task CreateConversationAsync_MissingWorkspace_Refused()
    {
        var act = () => Database.Conversations.CreateConversationAsync(new NewConversation("alice") { WorkspaceId = "missing" });

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*workspace does not exist*");
    }

    [Test]
    public async Task UpdateConversationAsync_AttachAndDetach_ChangesThreadKindAndKeepsOffice()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("alice"));
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo"));

        var attached = await Database.Conversations.UpdateConversationAsync(conversation.Id, new ConversationUpdate { WorkspaceId = workspace.Id });
        Time.Advance(TimeSpan.FromSeconds(1));
        var detached = await Database.Conversations.UpdateConversationAsync(
            conversation.Id, new ConversationUpdate { WorkspaceId = null, Title = "t", ExecutionTarget = ExecutionTarget.Local });

        attached!.ThreadKind.Should().Be(ThreadKind.Code);
        detached!.ThreadKind.Should().Be(ThreadKind.Chat);
        detached.Title.Should().Be("t");
        detached.ExecutionTarget.Should().Be(ExecutionTarget.Local);
        detached.OfficeId.Should().Be(conversation.OfficeId);
        detached.UpdatedAt.Should().BeAfter(conversation.UpdatedAt);
    }

    [Test]
    public async Task UpdateConversationAsync_WorkspaceOfAnotherOffice_Refused()
    {
        var conversation = await Database.Conversations.CreateConversationAsync(new NewConversation("alice"));
        var other = await Database.Offices.CreateOfficeAsync("Other");
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo") { OfficeId = other.Id });

        var act = () => Database.Conversations.UpdateConversationAsync(conversation.Id, new ConversationUpdate { WorkspaceId = workspace.Id });

        await act.Should().ThrowAsync<OfficeOwnershipException>();
        (await Database.Conversations.GetConversationAsync(conversation.Id))!.WorkspaceId.Should().BeNull();
    }

    [Test]
    public async Task UpdateAndDelete_MissingConversation_NullAndFalse()
    {
        (await Database.Conversations.UpdateConversationAsync("missing", new ConversationUpdate { Title = "x" })).Should().BeNull();
        (await Database.Conversations.DeleteConversationAsync("missing")).Should().BeFalse();
        (await Database.Conversations.GetConversationAsync("missing")).Should().BeNull();
    }

    [Test]
    public async Task GetOrCreatePersonalOfficeAsync_SixteenConcurrentCallers_OneOffice()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => TestDatabase.Open(Time)).ToList();

        var offices = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => instances[i % instances.Count].Offices.GetOrCreatePersonalOfficeAsync("carol"))));

        offices.Select(o => o.Id).Distinct().Should().ContainSingle();
        (await QueryAsync("SELECT COUNT(*) FROM offices WHERE personal_user_id = 'carol'")).Single()[0].Should().Be("1");
    }

    [Test]
    public async Task Workspaces_CrudAndDeleteWhileAttached()
    {
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo"));
        await Database.Conversations.CreateConversationAsync(new NewConversation("alice") { Id = "c", WorkspaceId = workspace.Id });

        (await Database.Workspaces.RenameWorkspaceAsync(workspace.Id, "renamed"))!.Name.Should().Be("renamed");
        (await Database.Workspaces.ListWorkspacesAsync(officeId: workspace.OfficeId)).Select(w => w.Id).Should().Equal(workspace.Id);
        var deleteWhileAttached = () => Database.Workspaces.DeleteWorkspaceAsync(workspace.Id);
        await deleteWhileAttached.Should().ThrowAsync<System.Data.Common.DbException>();

        await Database.Conversations.DeleteConversationAsync("c");
        (await Database.Workspaces.DeleteWorkspaceAsync(workspace.Id)).Should().BeTrue();
        (await Database.Workspaces.GetWorkspaceAsync(workspace.Id)).Should().BeNull();
    }
}
