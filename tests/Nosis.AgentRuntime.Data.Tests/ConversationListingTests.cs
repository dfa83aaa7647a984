using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class ConversationListingTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private WorkspaceRecord _workspace = null!;

    [SetUp]
    public async Task CreateThreadsAsync()
    {
        _workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("alice", "repo"));
        await CreateAsync(new NewConversation("alice") { Id = "alice-chat" });
        await CreateAsync(new NewConversation("alice") { Id = "alice-code", WorkspaceId = _workspace.Id });
        await CreateAsync(new NewConversation("alice") { Id = "alice-local", ExecutionTarget = ExecutionTarget.Local });
        await CreateAsync(new NewConversation("bob") { Id = "bob-chat" });
    }

    [Test]
    public async Task ListConversationsAsync_NoFilter_SandboxOnlyNewestFirst()
    {
        var listed = await Database.Conversations.ListConversationsAsync();

        listed.Select(c => c.Id).Should().Equal("bob-chat", "alice-code", "alice-chat");
    }

    [Test]
    public async Task ListConversationsAsync_LocalFilter_OnlyLocal()
    {
        var listed = await Database.Conversations.ListConversationsAsync(new ConversationQuery { ExecutionTarget = ExecutionTarget.Local });

        listed.Select(c => c.Id).Should().Equal("alice-local");
    }

    [Test]
    public async Task ListConversationsAsync_ThreadKind_SplitsByWorkspaceAttachment()
    {
        var chats = await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "alice", ThreadKind = ThreadKind.Chat });
        var code = await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "alice", ThreadKind = ThreadKind.Code });
        var inWorkspace = await Database.Conversations.ListConversationsAsync(new ConversationQuery { WorkspaceId = _workspace.Id });

        chats.Select(c => c.Id).Should().Equal("alice-chat");
        chats[0].ThreadKind.Should().Be(ThreadKind.Chat);
        code.Select(c => c.Id).Should().Equal("alice-code");
        code[0].ThreadKind.Should().Be(ThreadKind.Code);
        inWorkspace.Select(c => c.Id).Should().Equal("alice-code");
    }

    [Test]
    public async Task ListConversationsAsync_OfficeAndUser_FilterRows()
    {
        var bobOffice = (await Database.Offices.GetOrCreatePersonalOfficeAsync("bob")).Id;

        var inBobOffice = await Database.Conversations.ListConversationsAsync(new ConversationQuery { OfficeId = bobOffice });
        var alice = await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "alice" });

        inBobOffice.Select(c => c.Id).Should().Equal("bob-chat");
        alice.Select(c => c.Id).Should().Equal("alice-code", "alice-chat");
    }

    [Test]
    public async Task ListConversationsAsync_Paging_LimitAndOffset()
    {
        var first = await Database.Conversations.ListConversationsAsync(new ConversationQuery { Limit = 2 });
        var second = await Database.Conversations.ListConversationsAsync(new ConversationQuery { Limit = 2, Offset = 2 });

        first.Select(c => c.Id).Should().Equal("bob-chat", "alice-code");
        second.Select(c => c.Id).Should().Equal("alice-chat");
    }

    [Test]
    public async Task ListConversationsAsync_LimitOutOfRange_Throws()
    {
        var act = () => Database.Conversations.ListConversationsAsync(new ConversationQuery { Limit = 0 });

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    private async Task CreateAsync(NewConversation conversation)
    {
        Time.Advance(TimeSpan.FromSeconds(1));
        await Database.Conversations.CreateConversationAsync(conversation);
    }
}
