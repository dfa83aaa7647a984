using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Nosis.AgentRuntime.Mcp.Tests.Infrastructure;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Mcp.Tests;

/// <summary>Credentials of MCP servers never reach a log line (the SDK's included, at Trace) or an error report.</summary>
public sealed class McpSecretsTests
{
    private const string HeaderSecret = "hdr-secret-9f8e7d6c5b";
    private const string QuerySecret = "qry-secret-1a2b3c4d5e";
    private const string UserInfoSecret = "pwd-secret-0a9b8c7d";
    private const string EnvironmentSecret = "env-secret-5e4d3c2b1a";

    [Test]
    public async Task LoadAndCall_WithCredentialedServers_NoSecretInAnyLogLineOrReport()
    {
        await using var server = await TestMcpServer.StartAsync();
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(collector)));
        var errors = new InMemoryErrorReporter();
        var secretUrl = new UriBuilder(server.Url) { Query = "token=" + QuerySecret }.Uri;
        var downUrl = new Uri($"http://user:{UserInfoSecret}@127.0.0.1:{McpToolLoaderHttpTests.FreePort()}/mcp?token={QuerySecret}");
        var loader = Loaders.Create(
            o =>
            {
                var up = Loaders.Http(secretUrl, ToolScope.Global);
                up.Headers["Authorization"] = "Bearer " + HeaderSecret;
                o.Servers["up"] = up;
                var down = Loaders.Http(downUrl, ToolScope.Global);
                down.Headers["X-Api-Key"] = HeaderSecret;
                o.Servers["down"] = down;
                var crashing = new McpServerOptions { Scope = ToolScope.Global, Command = "/nonexistent/" + EnvironmentSecret };
                crashing.Environment["API_TOKEN"] = EnvironmentSecret;
                crashing.Arguments.Add("--api-key=" + EnvironmentSecret);
                o.Servers["crashing"] = crashing;
            },
            errors,
            loggerFactory: loggerFactory);

        await using (var tools = await loader.LoadToolsAsync(Loaders.Request(ExecutionTarget.Sandbox)))
        {
            (await tools.CallAsync("echo", """{"text":"hi"}""")).Output.Should().Be("echo: hi");
            (await tools.CallAsync("fail", """{"reason":"no"}""")).IsError.Should().BeTrue();
        }

        errors.Reports.Should().HaveCount(2);
        server.Authorizations.Should().Contain("Bearer " + HeaderSecret, "the credential is sent to the server");
        var written = collector.GetSnapshot().Select(r => r.Message + " " + r.Exception).Concat(errors.Reports.Select(r => r.Message + " " + r.Context)).ToList();
        written.Should().NotBeEmpty();
        foreach (var secret in new[] { HeaderSecret, QuerySecret, UserInfoSecret, EnvironmentSecret })
        {
            written.Should().NotContain(line => line.Contains(secret, StringComparison.Ordinal), $"the secret {secret[..10]}… must never be written");
        }
    }
}
