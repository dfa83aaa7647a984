using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AI.Tests;

public sealed class AIFunctionToolLoaderTests
{
    private static readonly AIFunctionTool[] Tools =
    [
        new(AIFunctionFactory.Create(() => "now", "current_time"), ToolScope.Global),
        new(AIFunctionFactory.Create(() => "ran", "run_code"), ToolScope.Sandbox),
        new(AIFunctionFactory.Create(() => "read", "read_file"), ToolScope.Local),
    ];

    [TestCase(ExecutionTarget.Sandbox, new[] { "current_time", "run_code" })]
    [TestCase(ExecutionTarget.Local, new[] { "current_time", "read_file" })]
    public async Task LoadToolsAsync_LoadsTheToolsOfTheTargetsScopesOnly(ExecutionTarget target, string[] expected)
    {
        var loader = new AIFunctionToolLoader(Tools);

        await using var tools = await loader.LoadToolsAsync(new ToolLoadRequest(new ConversationRuntime("c1", "u1", "o1", null, target)));

        tools.Tools.Select(t => t.Name).Should().Equal(expected);
    }

    [Test]
    public void Constructor_DuplicateNames_FailsAtOnce()
    {
        var act = () => new AIFunctionToolLoader([Tools[0], Tools[0]]);

        act.Should().Throw<ArgumentException>().WithMessage("Two tools are named 'current_time'*");
    }

    [Test]
    public async Task UseAIFunctionTools_ReplacesTheToolLoaderAndRunsTheFunctions()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = new Uri("http://127.0.0.1:1")).UseAIFunctionTools(Tools);
        await using var provider = services.BuildServiceProvider();

        var loader = provider.GetRequiredService<IToolLoader>();
        await using var tools = await loader.LoadToolsAsync(new ToolLoadRequest(new ConversationRuntime("c1", "u1", "o1")));

        loader.Should().BeOfType<AIFunctionToolLoader>();
        (await tools.InvokeAsync(new ToolCall("call_1", "current_time", "{}"))).Output.Should().Be("now");
    }
}
