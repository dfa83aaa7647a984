using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>Which servers a conversation gets, and what the office callback is asked.</summary>
public sealed class McpToolLoaderScopeTests
{
    private TestMcpServer _global = null!;
    private TestMcpServer _sandbox = null!;
    private TestMcpServer _local = null!;
    private InMemoryErrorReporter _errors = null!;

    [OneTimeSetUp]
    public async Task StartServersAsync()
    {
        _global = await TestMcpServer.StartWithOnlyAsync("global_search");
        _sandbox = await TestMcpServer.StartWithOnlyAsync("run_in_sandbox");
        _local = await TestMcpServer.StartWithOnlyAsync("read_local_file");
    }

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        await _global.DisposeAsync();
        await _sandbox.DisposeAsync();
        await _local.DisposeAsync();
    }

    [SetUp]
    public void NewReporter() => _errors = new InMemoryErrorReporter();

    [Test]
    public async Task LoadToolsAsync_SandboxConversation_NeverSeesALocalServersTools()
    {
        var settings = new RecordingSettingsProvider();

        await using var tools = await Loader(settings).LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().BeEquivalentTo("global_search", "run_in_sandbox");
        settings.Requests.Select(r => r.ServerName).Should().BeEquivalentTo("everywhere", "sandbox-runner");
        _local.ToolCalls.Should().Be(0);
    }

    [Test]
    public async Task LoadToolsAsync_LocalConversation_NeverSeesTheSandboxsTools()
    {
        var settings = new RecordingSettingsProvider();

        await using var tools = await Loader(settings).LoadToolsAsync(Loaders.Request(ExecutionTarget.Local));

        tools.Tools.Select(t => t.Name).Should().BeEquivalentTo("global_search", "read_local_file");
        tools.Tools.Single(t => t.Name == "read_local_file").Scope.Should().Be(ToolScope.Local);
        settings.Requests.Select(r => r.ServerName).Should().BeEquivalentTo("everywhere", "desktop-files");
    }

    [Test]
    public async Task LoadToolsAsync_OfficeCallback_IsAskedWithTheConversationsOfficeAndItsCredentialsReachTheServer()
    {
        var settings = new RecordingSettingsProvider(r => r.Configured with
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer token-of-{r.OfficeId}" },
        });

        await using var tools = await Loader(settings).LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox, officeId: "office-42"));

        settings.Requests.Should().HaveCount(2).And.OnlyContain(r => r.OfficeId == "office-42" && r.UserId == "user-3");
        settings.Requests.Single(r => r.ServerName == "sandbox-runner").Scope.Should().Be(ToolScope.Sandbox);
        _sandbox.Authorizations.Should().NotBeEmpty().And.OnlyContain(a => a == "Bearer token-of-office-42");
    }

    [Test]
    public async Task LoadToolsAsync_OfficeDoesNotUseAServer_TheServerIsLeftOutWithoutAReport()
    {
        var settings = new RecordingSettingsProvider(r => r.ServerName == "sandbox-runner" ? null : r.Configured);

        await using var tools = await Loader(settings).LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().Equal("global_search");
        _errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task LoadToolsAsync_OfficeCallbackThrows_ThatServerIsReportedAndSkipped()
    {
        var settings = new RecordingSettingsProvider(r => r.ServerName == "sandbox-runner" ? throw new InvalidOperationException("vault offline") : r.Configured);

        await using var tools = await Loader(settings).LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Select(t => t.Name).Should().Equal("global_search");
        _errors.Reports.Should().ContainSingle().Which.Message.Should().Contain("'sandbox-runner'").And.Contain("vault offline");
    }

    [Test]
    public async Task LoadToolsAsync_NoConversation_ThrowsWithoutCallingTheOfficeCallback()
    {
        var settings = new RecordingSettingsProvider();

        var act = () => Loader(settings).LoadToolsAsync(new ToolLoadRequest(null!));

        await act.Should().ThrowAsync<ArgumentNullException>();
        settings.Requests.Should().BeEmpty();
    }

    [Test]
    public void ConversationRuntime_WithoutAnOffice_CannotBeMadeSoNoLoadCanAskForOne()
    {
        var act = () => new ConversationRuntime("conv-1", "user-1", " ", null, ExecutionTarget.Local);

        act.Should().Throw<MissingOfficeIdException>();
    }

    [Test]
    public async Task LoadToolsAsync_NoServerInScope_ReturnsAnEmptySetAndAsksNothing()
    {
        var settings = new RecordingSettingsProvider();
        var loader = Loaders.Create(o => o.Servers["desktop-files"] = Loaders.Http(_local.Url, ToolScope.Local), _errors, settings);

        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));

        tools.Tools.Should().BeEmpty();
        settings.Requests.Should().BeEmpty();
    }

    private McpToolLoader Loader(RecordingSettingsProvider settings) => Loaders.Create(
        o =>
        {
            o.Servers["everywhere"] = Loaders.Http(_global.Url, ToolScope.Global);
            o.Servers["sandbox-runner"] = Loaders.Http(_sandbox.Url, ToolScope.Sandbox);
            o.Servers["desktop-files"] = Loaders.Http(_local.Url, ToolScope.Local);
        },
        _errors,
        settings);
}
