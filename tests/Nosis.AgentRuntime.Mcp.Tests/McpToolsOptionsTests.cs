using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>Options bound from configuration, checked at start-up, and the DI entry point.</summary>
public sealed class McpToolsOptionsTests
{
    [Test]
    public async Task UseMcpTools_FromConfiguration_BindsTheServersAndLoadsTheirTools()
    {
        await using var server = await TestMcpServer.StartWithOnlyAsync("echo");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:remote:Scope"] = "sandbox",
            ["Mcp:Servers:remote:Url"] = server.Url.ToString(),
            ["Mcp:Servers:files:Scope"] = "local",
            ["Mcp:Servers:files:Command"] = "node",
            ["Mcp:Servers:files:Arguments:0"] = "server.js",
            ["Mcp:Servers:files:Arguments:1"] = "/workspace",
            ["Mcp:CallTimeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = new Uri("http://127.0.0.1:1"))
            .UseMcpTools(configuration.GetSection("Mcp"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<McpToolsOptions>>().Value;
        options.CallTimeout.Should().Be(TimeSpan.FromSeconds(5));
        options.Servers["files"].Arguments.Should().Equal("server.js", "/workspace");
        options.Servers["files"].Scope.Should().Be(ToolScope.Local);
        var loader = provider.GetRequiredService<IToolLoader>();
        loader.Should().BeOfType<McpToolLoader>();
        await using var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox));
        tools.Tools.Select(t => t.Name).Should().Equal("echo");
    }

    [Test]
    public void UseMcpTools_HostSettingsProviderRegisteredFirst_IsTheOneUsed()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMcpServerSettingsProvider, RecordingSettingsProvider>();
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = new Uri("http://127.0.0.1:1")).UseMcpTools(_ => { });
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IMcpServerSettingsProvider>().Should().BeOfType<RecordingSettingsProvider>();
    }

    [Test]
    public void Validate_ServerWithoutScope_FailsNamingTheKey()
    {
        var options = new McpToolsOptions();
        options.Servers["files"] = new McpServerOptions { Command = "node" };

        Validate(options).Should().ContainSingle().Which.Should().Be("Mcp:Servers:files:Scope is required: global, sandbox or local.");
    }

    [Test]
    public void Validate_BothUrlAndCommand_FailsWithoutShowingTheUrl()
    {
        var options = new McpToolsOptions();
        options.Servers["remote"] = new McpServerOptions { Scope = ToolScope.Sandbox, Url = new Uri("https://user:pw-secret@tools.example/mcp"), Command = "node" };

        var failures = Validate(options);

        failures.Should().ContainSingle().Which.Should().Contain("set either Url").And.NotContain("pw-secret");
    }

    [Test]
    public void Validate_NeitherUrlNorCommand_Fails()
    {
        var options = new McpToolsOptions();
        options.Servers["empty"] = new McpServerOptions { Scope = ToolScope.Global };

        Validate(options).Should().ContainSingle().Which.Should().EndWith("not neither.");
    }

    [Test]
    public void Validate_NonHttpUrlBadNameAndZeroTimeout_ReportsEach()
    {
        var options = new McpToolsOptions { CallTimeout = TimeSpan.Zero };
        options.Servers["bad name!"] = new McpServerOptions { Scope = ToolScope.Global, Url = new Uri("file:///etc/passwd") };

        var failures = Validate(options);

        failures.Should().HaveCount(3);
        failures.Should().Contain(f => f.StartsWith("Mcp:CallTimeout must be between", StringComparison.Ordinal));
        failures.Should().Contain("Mcp:Servers:bad_name_: a server name must be 1 to 32 letters, digits, '_' or '-'.");
        failures.Should().Contain("Mcp:Servers:bad_name_:Url must be an absolute http or https address.");
    }

    [Test]
    public void Start_InvalidOptions_FailsWhenTheHostValidates()
    {
        var services = new ServiceCollection();
        services.AddNosisAgentRuntime(letta => letta.BaseUrl = new Uri("http://127.0.0.1:1"))
            .UseMcpTools(o => o.Servers["files"] = new McpServerOptions { Command = "node" });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<McpToolsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Mcp:Servers:files:Scope is required*");
    }

    private static IReadOnlyList<string> Validate(McpToolsOptions options) =>
        new McpToolsOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
}
