using ModelContextProtocol.Client;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>One started MCP client of a turn, its tools and its secrets; disposing it closes the client and ends its process.</summary>
internal sealed class McpConnection(string serverName, McpServerSettings settings, McpClient client, IReadOnlyList<McpClientTool> tools) : IAsyncDisposable
{
    public string ServerName => serverName;

    public string TransportName => settings.TransportName;

    public IReadOnlyList<McpClientTool> Tools => tools;

    public McpSecrets Secrets { get; } = McpSecrets.Of(settings);

    public ValueTask DisposeAsync() => client.DisposeAsync();
}
