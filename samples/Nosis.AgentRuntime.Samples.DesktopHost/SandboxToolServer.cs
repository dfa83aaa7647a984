using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Nosis.AgentRuntime.Samples.DesktopHost;

/// <summary>
/// A stand-in for the cloud's sandbox tool server: an MCP server over Streamable HTTP on loopback with one tool,
/// <c>word_count</c>. A real desktop host names its organisation's server in <c>Mcp:Servers</c> instead.
/// </summary>
internal sealed class SandboxToolServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxToolServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<SandboxToolServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMcpServer().WithHttpTransport().WithTools([McpServerTool.Create(
            (string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
            new McpServerToolCreateOptions { Name = "word_count", Description = "Counts the words of a text." })]);
        var app = builder.Build();
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxToolServer(app, new Uri(new Uri(address), "/mcp"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
