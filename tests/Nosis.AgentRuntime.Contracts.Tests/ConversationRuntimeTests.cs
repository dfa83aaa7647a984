using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts.Tests;

public class ConversationRuntimeTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    public void Constructor_MissingOfficeId_ThrowsMissingOfficeIdException(string? officeId)
    {
        var act = () => new ConversationRuntime("c_1", "u_1", officeId!);

        var thrown = act.Should().Throw<MissingOfficeIdException>().Which;
        thrown.ConversationId.Should().Be("c_1");
        thrown.ParamName.Should().Be("officeId");
        thrown.Message.Should().Contain("belongs to an office");
    }

    [Test]
    public void With_BlankOfficeId_IsRefusedToo()
    {
        var conversation = new ConversationRuntime("c_1", "u_1", "o_1");

        var act = () => conversation with { OfficeId = " " };

        act.Should().Throw<MissingOfficeIdException>();
    }

    [Test]
    public void ObjectInitializer_MissingOfficeId_IsRefused()
    {
        var act = () => new ConversationRuntime("c_1", "u_1", "o_1") { OfficeId = null! };

        act.Should().Throw<MissingOfficeIdException>();
    }

    [TestCase(null, "u_1")]
    [TestCase("c_1", "")]
    public void Constructor_BlankConversationOrUser_ThrowsArgumentException(string? conversationId, string userId)
    {
        var act = () => new ConversationRuntime(conversationId!, userId, "o_1");

        act.Should().Throw<ArgumentException>().Which.Should().NotBeOfType<MissingOfficeIdException>();
    }

    [Test]
    public void ThreadKind_NoWorkspace_IsChatThread()
    {
        var conversation = new ConversationRuntime("c_1", "u_1", "o_1", workspaceId: null);

        conversation.ThreadKind.Should().Be(ThreadKind.Chat);
        conversation.WorkspaceId.Should().BeNull();
    }

    [Test]
    public void ThreadKind_Workspace_IsCodeThread()
    {
        var conversation = new ConversationRuntime("c_1", "u_1", "o_1", workspaceId: "ws_1");

        conversation.ThreadKind.Should().Be(ThreadKind.Code);
        (conversation with { WorkspaceId = null }).ThreadKind.Should().Be(ThreadKind.Chat);
    }

    [Test]
    public void Constructor_BlankWorkspace_IsRefused()
    {
        var act = () => new ConversationRuntime("c_1", "u_1", "o_1", workspaceId: "");

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void Defaults_AreSandboxWithoutAgent()
    {
        var conversation = new ConversationRuntime("c_1", "u_1", "o_1");

        conversation.ExecutionTarget.Should().Be(ExecutionTarget.Sandbox);
        conversation.AgentId.Should().BeNull();
    }
}
