using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>The loader against a real MCP server built with the SDK's server package, over Streamable HTTP on loopback.</summary>
public sealed class McpToolLoaderHttpTests
{
    private TestMcpServer _server = null!;
    private InMemoryErrorReporter _errors = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        _server = await TestMcpServer.StartAsync();
        _errors = new InMemoryErrorReporter();
    }

    [TearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    [Test]
    public async Task LoadToolsAsync_HttpServer_OffersItsToolsWithTheirSchemas()
    {
        var loader = Loaders.Create(o => o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Sandbox), _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().BeEquivalentTo("echo", "add", "fail", "slow");
        var echo = tools.Tools.Single(t => t.Name == "echo");
        echo.Description.Should().Be("Echoes the text back.");
        echo.Scope.Should().Be(ToolScope.Sandbox);
        echo.Parameters.GetProperty("properties").TryGetProperty("text", out _).Should().BeTrue();
        _errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task InvokeAsync_TextTool_ReturnsItsTextThroughMcp()
    {
        var loader = Loaders.Create(o => o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Global), _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        var result = await tools.CallAsync("echo", """{"text":"hello"}""");

        result.Should().Be(ToolResult.Success("echo: hello"));
        _server.ToolCalls.Should().Be(1);
    }

    [Test]
    public async Task InvokeAsync_StructuredTool_ReturnsTheStructuredContent()
    {
        var loader = Loaders.Create(o => o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Global), _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        var result = await tools.CallAsync("add", """{"a":2,"b":40}""");

        result.IsError.Should().BeFalse();
        using var json = System.Text.Json.JsonDocument.Parse(result.Output);
        json.RootElement.GetProperty("total").GetInt32().Should().Be(42);
    }

    [Test]
    public async Task InvokeAsync_ToolReportsIsError_BecomesAnErrorResultWithItsMessage()
    {
        var loader = Loaders.Create(o => o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Global), _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        var result = await tools.CallAsync("fail", """{"reason":"disk full"}""");

        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("cannot comply: disk full");
    }

    [Test]
    public async Task InvokeAsync_ToolSlowerThanCallTimeout_BecomesATimeoutErrorResult()
    {
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Global);
                o.CallTimeout = TimeSpan.FromSeconds(1);
            },
            _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        var result = await tools.CallAsync("slow", """{"milliseconds":30000}""");

        result.Should().Be(ToolResult.Error("The tool 'slow' did not answer within 1 s."));
    }

    [Test]
    public async Task InvokeAsync_ArgumentsNotAnObject_IsAnErrorResultAndTheServerIsNotCalled()
    {
        var loader = Loaders.Create(o => o.Servers["remote"] = Loaders.Http(_server.Url, ToolScope.Global), _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        var result = await tools.CallAsync("echo", "[1,2");

        result.IsError.Should().BeTrue();
        result.Output.Should().StartWith("The tool 'echo' was not called: the arguments are not valid JSON");
        _server.ToolCalls.Should().Be(0);
    }

    [Test]
    public async Task LoadToolsAsync_ServerUnreachable_IsReportedAndSkippedWhileTheOthersLoad()
    {
        var closedPort = new Uri($"http://127.0.0.1:{FreePort()}/mcp");
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["down"] = Loaders.Http(closedPort, ToolScope.Sandbox);
                o.Servers["up"] = Loaders.Http(_server.Url, ToolScope.Sandbox);
            },
            _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().Contain("echo");
        var report = _errors.Reports.Should().ContainSingle().Subject;
        report.Operation.Should().Be("mcp-start-server");
        report.Message.Should().StartWith("The MCP server 'down' (http) was skipped for this turn: ");
        report.Context.Should().Contain("server=down");
    }

    [Test]
    public async Task LoadToolsAsync_TwoServersOfferTheSameName_BothArePrefixedAndEachCallReachesItsOwn()
    {
        await using var second = await TestMcpServer.StartAsync("only_here");
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["beta"] = Loaders.Http(second.Url, ToolScope.Global);
                o.Servers["alpha"] = Loaders.Http(_server.Url, ToolScope.Global);
            },
            _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().Equal(
            "alpha_echo", "alpha_add", "alpha_fail", "alpha_slow", "beta_echo", "beta_add", "beta_fail", "beta_slow", "only_here");
        (await tools.CallAsync("beta_echo", """{"text":"b"}""")).Output.Should().Be("echo: b");
        _server.ToolCalls.Should().Be(0);
        second.ToolCalls.Should().Be(1);
        (await tools.CallAsync("only_here")).Output.Should().Be("only_here ran");
    }

    [Test]
    public async Task DisposeAsync_Repeated_ClosesEveryClientOnce()
    {
        await using var second = await TestMcpServer.StartAsync();
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["one"] = Loaders.Http(_server.Url, ToolScope.Global);
                o.Servers["two"] = Loaders.Http(second.Url, ToolScope.Sandbox);
            },
            _errors);
        var tools = (McpToolSet)await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        await tools.DisposeAsync();
        await tools.DisposeAsync();

        tools.Connections.Should().HaveCount(2);
        tools.Connections.Select(c => c.CloseCount).Should().Equal(1, 1);
        tools.Connections.Should().OnlyContain(c => c.Completion.IsCompleted);
        await tools.Invoking(t => t.CallAsync("echo", """{"text":"late"}""")).Should().ThrowAsync<ObjectDisposedException>();
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
