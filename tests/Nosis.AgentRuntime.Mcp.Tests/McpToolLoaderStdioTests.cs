using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>The loader against a third-party server over stdio: <c>@modelcontextprotocol/server-everything</c> from npm, started with node.</summary>
public sealed class McpToolLoaderStdioTests
{
    private InMemoryErrorReporter _errors = null!;
    private string _marker = null!;

    [SetUp]
    public void SetUp()
    {
        _errors = new InMemoryErrorReporter();
        _marker = StdioProcesses.NewMarker();
    }

    [TearDown]
    public async Task NoProcessIsLeftAsync() =>
        (await StdioProcesses.WaitUntilGoneAsync(_marker, TimeSpan.FromSeconds(10))).Should().BeEmpty("every stdio server of a test ends with its tool set");

    [Test]
    public async Task LoadToolsAsync_StdioServer_ListsItsToolsAndCallsThemThroughMcp()
    {
        var loader = Loaders.Create(o => o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker), _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Local));

        tools.Tools.Select(t => t.Name).Should().Contain(["echo", "get-sum"]);
        tools.Tools.Should().OnlyContain(t => t.Scope == ToolScope.Local);
        StdioProcesses.WithMarker(_marker).Should().ContainSingle("one server process runs for the turn");
        (await tools.CallAsync("echo", """{"message":"hello over stdio"}""")).Should().Be(ToolResult.Success("Echo: hello over stdio"));
        _errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task InvokeAsync_StdioToolRejectsItsArguments_BecomesAnErrorResult()
    {
        var loader = Loaders.Create(o => o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker), _errors);
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Local));

        var result = await tools.CallAsync("echo", """{"wrong":1}""");

        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("message");
    }

    [Test]
    public async Task DisposeAsync_StdioServer_EndsItsProcess()
    {
        var loader = Loaders.Create(o => o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker), _errors);
        var tools = (McpToolSet)await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Local));
        StdioProcesses.WithMarker(_marker).Should().HaveCount(1);

        await tools.DisposeAsync();

        (await StdioProcesses.WaitUntilGoneAsync(_marker, TimeSpan.FromSeconds(5))).Should().BeEmpty();
        tools.Connections.Single().CloseCount.Should().Be(1);
    }

    [Test]
    public async Task LoadToolsAsync_CommandDoesNotExist_IsReportedAndTheOtherServerLoads()
    {
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker);
                o.Servers["missing"] = new McpServerOptions { Scope = ToolScope.Local, Command = "/nonexistent/nosis-mcp-server" };
            },
            _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Local));

        tools.Tools.Select(t => t.Name).Should().Contain("echo");
        _errors.Reports.Should().ContainSingle().Which.Message.Should().StartWith("The MCP server 'missing' (stdio) was skipped for this turn: ");
    }

    [Test]
    public async Task LoadToolsAsync_ServerExitsAtStart_IsReportedAndSkipped()
    {
        var (node, _) = NpmMcpServers.Require(NpmMcpServers.Everything);
        var crashing = new McpServerOptions { Scope = ToolScope.Global, Command = node };
        crashing.Arguments.Add("-e");
        crashing.Arguments.Add("console.error('cannot start'); process.exit(3)");
        var loader = Loaders.Create(o => o.Servers["crashing"] = crashing, _errors);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Should().BeEmpty();
        var report = _errors.Reports.Should().ContainSingle().Subject;
        report.Message.Should().StartWith("The MCP server 'crashing' (stdio) was skipped for this turn: ");
        report.ErrorType.Should().NotBeNullOrEmpty();
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task LoadToolsAsync_CancelledWhileAServerStarts_ThrowsAndLeavesNoProcess(bool afterTheOtherProcessStarted)
    {
        using var cancel = new CancellationTokenSource();
        var settings = new RecordingSettingsProvider(r =>
        {
            if (r.ServerName == "zz-canceller")
            {
                // "everything" is asked first (servers start in name order) and its process is being started by now.
                SpinWait.SpinUntil(() => !afterTheOtherProcessStarted || StdioProcesses.WithMarker(_marker).Count > 0, TimeSpan.FromSeconds(10));
                cancel.Cancel();
            }

            return r.Configured;
        });
        var loader = Loaders.Create(
            o =>
            {
                o.Servers["everything"] = NpmMcpServers.EverythingServer(_marker);
                o.Servers["zz-canceller"] = NpmMcpServers.EverythingServer(_marker);
            },
            _errors,
            settings);

        var act = () => loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Local), cancel.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await StdioProcesses.WaitUntilGoneAsync(_marker, TimeSpan.FromSeconds(10))).Should().BeEmpty();
        _errors.Reports.Should().BeEmpty("a cancelled load is the caller's doing, not a server failure");
    }
}
