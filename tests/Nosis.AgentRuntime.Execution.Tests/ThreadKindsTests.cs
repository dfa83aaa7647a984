
namespace Nosis.AgentRuntime.Execution.Tests;

public class ThreadKindsTests
{
    [Test]
    public void Of_NullWorkspace_IsChatThread()
    {
        ThreadKinds.Of(null).Should().Be(ThreadKind.Chat);
    }

    [Test]
    public void Of_Workspace_IsCodeThread()
    {
        ThreadKinds.Of("ws_1").Should().Be(ThreadKind.Code);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Of_BlankWorkspace_IsRefused(string workspaceId)
    {
        var act = () => ThreadKinds.Of(workspaceId);

        act.Should().Throw<ArgumentException>().WithMessage("*null (a chat thread) or a non-blank id*");
    }
}
