using System.Globalization;
using System.Security.Cryptography;
using ModelContextProtocol.Server;
using Nosis.AgentRuntime.Mcp;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>
/// The worker's own small MCP server, <c>worker-tools</c> (one harmless tool, <c>current_time</c>), served at
/// <c>/mcp/worker-tools</c> over Streamable HTTP and loaded back through MCP like any remote tool server.
/// </summary>
/// <remarks>
/// The endpoint answers only requests carrying a key made fresh for each run; the key reaches the MCP loader through the
/// office callback (<see cref="IMcpServerSettingsProvider"/>), the way a real worker hands each office its tool credentials.
/// </remarks>
internal static class WorkerToolServer
{
    public const string ServerName = "worker-tools";
    public const string Path = "/mcp/worker-tools";

    /// <summary>Registers the MCP server, points <c>Mcp:Servers:worker-tools:Url</c> at it when unset, and adds the key to its settings.</summary>
    public static void Add(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var urlKey = $"Mcp:Servers:{ServerName}:Url";
        if (configuration[$"Mcp:Servers:{ServerName}:Scope"] is not null && string.IsNullOrWhiteSpace(configuration[urlKey]))
        {
            configuration[urlKey] = new Uri(OwnAddress(configuration["urls"]), Path).ToString();
        }

        var key = new ToolServerKey(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<IMcpServerSettingsProvider, WorkerToolSettings>();
        builder.Services.AddMcpServer()
            .WithHttpTransport()
            .WithTools([McpServerTool.Create(
                () => TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
                new McpServerToolCreateOptions { Name = "current_time", Description = "Returns the current date and time in UTC (ISO 8601)." })]);
    }

    /// <summary>Maps the MCP endpoint; requests without the run's key get 401.</summary>
    public static void MapWorkerToolServer(this WebApplication app) =>
        app.MapMcp(Path).AddEndpointFilter(async (context, next) =>
        {
            var key = context.HttpContext.RequestServices.GetRequiredService<ToolServerKey>();
            return key.Matches(context.HttpContext.Request.Headers.Authorization.ToString()) ? await next(context) : Results.Unauthorized();
        });

    /// <summary>The first address the worker listens on, as a loopback URL it can call itself at.</summary>
    private static Uri OwnAddress(string? urls)
    {
        var first = (urls ?? "http://127.0.0.1:5080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://127.0.0.1:5080";
        var uri = new Uri(first.Replace("://*", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal));
        return new UriBuilder(uri) { Path = "/" }.Uri;
    }

    internal sealed record ToolServerKey(string Value)
    {
        public bool Matches(string authorization) =>
            CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(authorization),
                System.Text.Encoding.UTF8.GetBytes("Bearer " + Value));
    }

    /// <summary>The office callback: every office may use every configured server; the worker's own one gets the run's key.</summary>
    private sealed class WorkerToolSettings(ToolServerKey key) : IMcpServerSettingsProvider
    {
        public ValueTask<McpServerSettings?> GetSettingsAsync(McpServerSettingsRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<McpServerSettings?>(request.ServerName != ServerName
                ? request.Configured
                : request.Configured with
                {
                    Headers = new Dictionary<string, string>(request.Configured.Headers) { ["Authorization"] = "Bearer " + key.Value },
                });
    }
}
