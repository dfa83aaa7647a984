using System.Text.Json;
using Microsoft.Extensions.AI;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AI.Tests;

public sealed class AIFunctionToolSetTests
{
    private static readonly AIFunction Add = AIFunctionFactory.Create((int a, int b) => a + b, "add", "Adds two integers.");
    private static readonly AIFunction Greet = AIFunctionFactory.Create((string name) => $"Hello, {name}!", "greet", "Greets someone.");
    private static readonly AIFunction Forecast = AIFunctionFactory.Create((string city) => new Weather(city, 21.5), "forecast", "The weather of a city.");

    [Test]
    public void Tools_FromAIFunctionFactory_OfferNameDescriptionSchemaAndScope()
    {
        var tools = new AIFunctionToolSet([Add, Greet], ToolScope.Sandbox);

        tools.Tools.Select(t => (t.Name, t.Description, t.Scope)).Should().Equal(
            ("add", "Adds two integers.", ToolScope.Sandbox),
            ("greet", "Greets someone.", ToolScope.Sandbox));
        var properties = tools.Tools[0].Parameters.GetProperty("properties");
        properties.GetProperty("a").GetProperty("type").GetString().Should().Be("integer");
        properties.GetProperty("b").GetProperty("type").GetString().Should().Be("integer");
    }

    [Test]
    public async Task InvokeAsync_StringResult_IsTheOutputAsItIs()
    {
        var tools = new AIFunctionToolSet([Greet]);

        var result = await tools.InvokeAsync(new ToolCall("call_1", "greet", """{"name":"Ada"}"""));

        result.Should().Be(ToolResult.Success("Hello, Ada!"));
    }

    [Test]
    public async Task InvokeAsync_NumberAndObjectResults_AreTheirJson()
    {
        var tools = new AIFunctionToolSet([Add, Forecast]);

        (await tools.InvokeAsync(new ToolCall("call_1", "add", """{"a":2,"b":40}"""))).Output.Should().Be("42");
        var forecast = await tools.InvokeAsync(new ToolCall("call_2", "forecast", """{"city":"Oslo"}"""));
        using var json = JsonDocument.Parse(forecast.Output);
        json.RootElement.GetProperty("city").GetString().Should().Be("Oslo");
        json.RootElement.GetProperty("celsius").GetDouble().Should().Be(21.5);
    }

    [TestCase("[1,2]", "the arguments must be a JSON object, not array")]
    [TestCase("{\"a\":", "the arguments are not valid JSON")]
    public async Task InvokeAsync_ArgumentsNotAnObject_IsAnErrorResultWithoutCallingTheFunction(string arguments, string problem)
    {
        var calls = 0;
        var counted = AIFunctionFactory.Create(() => ++calls, "count");
        var tools = new AIFunctionToolSet([counted]);

        var result = await tools.InvokeAsync(new ToolCall("call_1", "count", arguments));

        result.IsError.Should().BeTrue();
        result.Output.Should().StartWith($"The tool 'count' was not called: {problem}");
        calls.Should().Be(0);
    }

    [Test]
    public async Task InvokeAsync_EmptyArguments_CallsAFunctionWithoutParameters()
    {
        var tools = new AIFunctionToolSet([AIFunctionFactory.Create(() => "pong", "ping")]);

        (await tools.InvokeAsync(new ToolCall("call_1", "ping", ""))).Should().Be(ToolResult.Success("pong"));
    }

    [Test]
    public async Task InvokeAsync_UnknownTool_IsAnErrorResult()
    {
        var tools = new AIFunctionToolSet([Add]);

        var result = await tools.InvokeAsync(new ToolCall("call_1", "subtract", "{}"));

        result.Should().Be(ToolResult.Error("No tool named 'subtract' is loaded."));
    }

    [Test]
    public async Task InvokeAsync_FunctionThrows_TheExceptionReachesTheRuntime()
    {
        var failing = AIFunctionFactory.Create(string () => throw new InvalidOperationException("backend down"), "flaky");
        var tools = new AIFunctionToolSet([failing]);

        var act = () => tools.InvokeAsync(new ToolCall("call_1", "flaky", "{}"));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("backend down");
    }

    [Test]
    public void Constructor_TwoToolsOfOneName_ThrowsNamingIt()
    {
        var act = () => new AIFunctionToolSet([new AIFunctionTool(Add), new AIFunctionTool(Greet, Name: "add")]);

        act.Should().Throw<ArgumentException>().WithMessage("Two tools are named 'add'*");
    }

    [Test]
    public void Constructor_NameLettaRefuses_ThrowsWithTheRule()
    {
        var act = () => new AIFunctionToolSet([new AIFunctionTool(Add, Name: "add numbers")]);

        act.Should().Throw<ArgumentException>().WithMessage("The tool name 'add_numbers' is not valid: use 1 to 64 letters, digits, '_' or '-'.*");
    }

    [Test]
    public async Task InvokeAsync_AfterRelease_Throws()
    {
        var tools = new AIFunctionToolSet([Greet]);
        await tools.DisposeAsync();

        var act = () => tools.InvokeAsync(new ToolCall("call_1", "greet", """{"name":"Ada"}"""));

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    public sealed record Weather(string City, double Celsius);
}
