using ModelContextProtocol.Client;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>One started MCP client of a turn, its tools and its secrets; disposing it closes the client and ends its process.</summary>
internal sealed class McpConnection(string serverName, McpServerSettings settings, McpClient client, IReadOnlyList<McpClientTool> tools) : IAsyncDisposable
{
    public string ServerName => serverName;

    public string TransportName => settings.TransportName;

    public IReadOnlyList<McpClientTool> Tools => tools;

    public McpSecrets Secrets { get; } = McpSecrets.Of(settings);

    private int _closeCount;

    /// <summary>Gets how many times the client was closed; the tool set's release makes it exactly one.</summary>
    public int CloseCount => Volatile.Read(ref _closeCount);

    /// <summary>Gets a task that completes when the client's session has ended.</summary>
    public Task Completion => client.Completion;

    public ValueTask DisposeAsync()
    {
        Interlocked.Increment(ref _closeCount);
        return client.DisposeAsync();
    }
}
