using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Nosis.AgentRuntime.Mcp.Tests.Infrastructure;

/// <summary>A real MCP server built with the SDK's server package, on Kestrel over Streamable HTTP on loopback.</summary>
internal sealed class TestMcpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _authorizations = new();
    private int _toolCalls;

    private TestMcpServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int ToolCalls => Volatile.Read(ref _toolCalls);

    /// <summary>Gets the Authorization headers the server received, in order.</summary>
    public IReadOnlyList<string> Authorizations => [.. _authorizations];

    /// <summary>Starts a server with the standard test tools (echo, add, fail, slow) and one tool per extra name, answering "&lt;name&gt; ran".</summary>
    public static Task<TestMcpServer> StartAsync(params string[] extraTools) => StartAsync(standardTools: true, extraTools);

    /// <summary>Starts a server with exactly the named tools: standard ones by their name, any other name as a tool answering "&lt;name&gt; ran".</summary>
    public static Task<TestMcpServer> StartWithOnlyAsync(params string[] tools) => StartAsync(standardTools: false, tools);

    private static async Task<TestMcpServer> StartAsync(bool standardTools, string[] extraTools)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        TestMcpServer? server = null;
        builder.Services.AddMcpServer()
            .WithHttpTransport()
            .WithTools(Select(standardTools, extraTools, () => Interlocked.Increment(ref server!._toolCalls)));
        var app = builder.Build();
        server = new TestMcpServer(app);
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
            {
                server._authorizations.Enqueue(authorization.ToString());
            }

            await next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "/mcp");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static List<McpServerTool> Select(bool standardTools, string[] names, Action counted)
    {
        var standard = StandardTools(counted).ToList();
        var selected = standardTools ? standard : standard.Where(t => names.Contains(t.ProtocolTool.Name)).ToList();
        selected.AddRange(names.Where(n => !standard.Exists(t => t.ProtocolTool.Name == n)).Select(NamedTool));
        return selected;
    }

    private static IEnumerable<McpServerTool> StandardTools(Action counted)
    {
        yield return McpServerTool.Create(
            (string text) =>
            {
                counted();
                return "echo: " + text;
            },
            new McpServerToolCreateOptions { Name = "echo", Description = "Echoes the text back." });
        yield return McpServerTool.Create(
            (int a, int b) =>
            {
                counted();
                return new Sum(a, b, a + b);
            },
            new McpServerToolCreateOptions { Name = "add", Description = "Adds two numbers; answers structured content.", UseStructuredContent = true });
        yield return McpServerTool.Create(
            (string reason) =>
            {
                counted();
                throw new McpException("cannot comply: " + reason);
#pragma warning disable CS0162 // The tool always fails; the return types it.
                return string.Empty;
#pragma warning restore CS0162
            },
            new McpServerToolCreateOptions { Name = "fail", Description = "Always fails with the reason." });
        yield return McpServerTool.Create(
            async (int milliseconds, CancellationToken cancellationToken) =>
            {
                counted();
                await Task.Delay(milliseconds, cancellationToken);
                return "slept";
            },
            new McpServerToolCreateOptions { Name = "slow", Description = "Answers after a delay." });
    }

    private static McpServerTool NamedTool(string name) => McpServerTool.Create(
        () => name + " ran",
        new McpServerToolCreateOptions { Name = name, Description = $"The '{name}' test tool." });

    internal sealed record Sum(int A, int B, int Total);
}
