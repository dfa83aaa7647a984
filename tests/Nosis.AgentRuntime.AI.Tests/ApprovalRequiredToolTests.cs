using Microsoft.Extensions.AI;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AI.Tests;

/// <summary>Microsoft.Extensions.AI leaves enforcing <see cref="ApprovalRequiredAIFunction"/> to the invoker: the tool set never runs one unapproved.</summary>
public sealed class ApprovalRequiredToolTests
{
    [Test]
    public async Task InvokeAsync_AnApprovalRequiredFunction_IsNotRunAndTheAgentIsToldWhy()
    {
        var runs = 0;
        var delete = new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) => { runs++; return $"deleted {path}"; }, "delete_file", "Deletes a file."));
        await using var tools = new AIFunctionToolSet([delete]);

        var result = await tools.InvokeAsync(new ToolCall("call_1", "delete_file", """{"path":"/etc/hosts"}"""));

        runs.Should().Be(0, "no person approved the call");
        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("needs a person's approval").And.Contain("delete_file");
    }

    [Test]
    public async Task InvokeAsync_AFunctionWrappingAnApprovalRequiredOne_IsNotRunEither()
    {
        var runs = 0;
        var inner = new ApprovalRequiredAIFunction(AIFunctionFactory.Create(() => { runs++; return "sent"; }, "send_mail", "Sends mail."));
        await using var tools = new AIFunctionToolSet([new PassThrough(inner)]);

        var result = await tools.InvokeAsync(new ToolCall("call_2", "send_mail", "{}"));

        runs.Should().Be(0);
        result.IsError.Should().BeTrue();
    }

    private sealed class PassThrough(AIFunction inner) : DelegatingAIFunction(inner);
}
