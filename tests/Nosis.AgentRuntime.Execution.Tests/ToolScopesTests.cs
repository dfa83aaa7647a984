using System.Text.Json;

namespace Nosis.AgentRuntime.Execution.Tests;

public class ToolScopesTests
{
    [Test]
    public void For_Sandbox_LoadsGlobalAndSandboxTools()
    {
        ToolScopes.For(ExecutionTarget.Sandbox).Should().Equal(ToolScope.Global, ToolScope.Sandbox);
    }

    [Test]
    public void For_Local_LoadsGlobalAndLocalTools()
    {
        ToolScopes.For(ExecutionTarget.Local).Should().Equal(ToolScope.Global, ToolScope.Local);
    }

    [TestCase(ExecutionTarget.Sandbox, ToolScope.Local, false)]
    [TestCase(ExecutionTarget.Local, ToolScope.Sandbox, false)]
    [TestCase(ExecutionTarget.Local, ToolScope.Global, true)]
    public void Includes_AnswersFromTheScopeTable(ExecutionTarget target, ToolScope scope, bool expected)
    {
        ToolScopes.Includes(target, scope).Should().Be(expected);
    }

    [Test]
    public void Json_UsesLowerCaseWireNames()
    {
        JsonSerializer.Serialize(ToolScope.Sandbox).Should().Be("\"sandbox\"");
        JsonSerializer.Deserialize<ToolScope>("\"global\"").Should().Be(ToolScope.Global);
        ToolScopes.ToWireName(ToolScope.Local).Should().Be("local");
    }
}
