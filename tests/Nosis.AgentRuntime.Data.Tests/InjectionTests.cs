using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class InjectionTests(DatabaseKind kind) : DatabaseTest(kind)
{
    public static readonly string[] Hostile =
    [
        "'; DROP TABLE conversations; --",
        "Robert'); DELETE FROM messages WHERE ('1'='1",
        "\" OR 1=1 --",
        "' OR '1'='1",
        "a;b;c; SELECT * FROM offices;",
        "$1 @p0 @id :name ? %s {0}",
        "back\\slash \\' \\\" `tick`",
        "/* comment */ UNION SELECT agent_id FROM conversations",
    ];

    [TestCaseSource(nameof(Hostile))]
    public async Task EveryStore_HostileStrings_RoundTripUntouched(string hostile)
    {
        var office = await Database.Offices.CreateOfficeAsync(hostile, officeId: "office" + hostile);
        var workspace = await Database.Workspaces.CreateWorkspaceAsync(new NewWorkspace("user" + hostile, hostile) { Id = "ws" + hostile, OfficeId = office.Id });
        var conversation = await Database.Conversations.CreateConversationAsync(
            new NewConversation("user" + hostile) { Id = "conv" + hostile, WorkspaceId = workspace.Id, Title = hostile });
        await Database.Messages.SaveUserMessageAsync(new UserMessage("msg" + hostile, conversation.Id, "user" + hostile, hostile, Time.GetUtcNow()));
        (await Database.AgentIds.TryClaimAgentIdAsync(conversation.Id, "agent" + hostile)).Should().BeTrue();
        (await Database.TurnLeases.TryAcquireAsync(conversation.Id, "owner" + hostile, TimeSpan.FromSeconds(5))).Should().BeTrue();

        (await Database.Offices.GetOfficeAsync(office.Id))!.Name.Should().Be(hostile);
        (await Database.Workspaces.GetWorkspaceAsync("ws" + hostile))!.Name.Should().Be(hostile);
        var stored = await Database.Conversations.GetConversationAsync("conv" + hostile);
        stored!.Title.Should().Be(hostile);
        stored.UserId.Should().Be("user" + hostile);
        stored.OfficeId.Should().Be("office" + hostile);
        stored.AgentId.Should().Be("agent" + hostile);
        var messages = await Database.Messages.ListMessagesAsync(conversation.Id);
        messages.Should().ContainSingle().Which.Content.Should().Be(hostile);
        messages[0].Id.Should().Be("msg" + hostile);
        (await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "user" + hostile, OfficeId = office.Id }))
            .Should().ContainSingle().Which.Id.Should().Be("conv" + hostile);
        (await Database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "' OR '1'='1" })).Should().BeEmpty();
        (await QueryAsync("SELECT COUNT(*) FROM conversations")).Single()[0].Should().Be("1", "no statement ran beyond the intended one");
    }
}
