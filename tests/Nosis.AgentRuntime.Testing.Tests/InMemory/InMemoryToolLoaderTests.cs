using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.InMemory;

public class InMemoryToolLoaderTests
{
    private static ToolLoadRequest Request(ExecutionTarget target = ExecutionTarget.Sandbox) =>
        new(new ConversationRuntime("conv-1", "user-1", "office-1", executionTarget: target));

    [Test]
    public async Task InvokeAsync_DefinedTool_RunsItsHandlerAndRecordsTheCall()
    {
        var loader = new InMemoryToolLoader().DefineTool("echo", ToolScope.Global, args => ToolResult.Success("echo:" + args));
        await using var toolSet = await loader.LoadToolsAsync(Request());

        var result = await toolSet.InvokeAsync(new ToolCall("call-1", "echo", """{"x":1}"""));

        result.Should().Be(ToolResult.Success("""echo:{"x":1}"""));
        loader.Calls.Should().ContainSingle().Which.ToolCallId.Should().Be("call-1");
    }

    [Test]
    public async Task InvokeAsync_ToolOfAnotherScope_ReturnsAnErrorResult()
    {
        var loader = new InMemoryToolLoader().DefineTool("run_shell", ToolScope.Local, _ => ToolResult.Success("ran"));
        await using var toolSet = await loader.LoadToolsAsync(Request(ExecutionTarget.Sandbox));

        var result = await toolSet.InvokeAsync(new ToolCall("call-1", "run_shell", "{}"));

        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("No tool named 'run_shell'");
    }

    [Test]
    public async Task InvokeAsync_AfterRelease_ThrowsObjectDisposedException()
    {
        var loader = new InMemoryToolLoader().DefineTool("echo", ToolScope.Global, _ => ToolResult.Success("ok"));
        var toolSet = await loader.LoadToolsAsync(Request());
        await toolSet.DisposeAsync();

        var invoke = () => toolSet.InvokeAsync(new ToolCall("call-1", "echo", "{}"));

        await invoke.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Test]
    public async Task LoadToolsAsync_LoadException_ThrowsItAndRecordsTheLoad()
    {
        var loader = new InMemoryToolLoader { LoadException = new HttpRequestException("tool server down") };

        var load = () => loader.LoadToolsAsync(Request());

        await load.Should().ThrowAsync<HttpRequestException>().WithMessage("tool server down");
        loader.Loads.Should().ContainSingle();
    }

    [Test]
    public async Task OpenCount_LoadsAndDisposals_CountsTheSetsNotYetReleased()
    {
        var loader = new InMemoryToolLoader();
        var first = await loader.LoadToolsAsync(Request());
        await using var second = await loader.LoadToolsAsync(Request());

        await first.DisposeAsync();

        loader.OpenCount.Should().Be(1);
        loader.ReleaseCount.Should().Be(1);
        loader.ToolSets.Should().HaveCount(2);
    }

    [Test]
    public void DefineTool_SameNameTwice_Throws()
    {
        var loader = new InMemoryToolLoader().DefineTool("echo", ToolScope.Global, _ => ToolResult.Success("ok"));

        var define = () => loader.DefineTool("echo", ToolScope.Sandbox, _ => ToolResult.Success("ok"));

        define.Should().Throw<InvalidOperationException>().WithMessage("*'echo' is already defined*");
    }
}
