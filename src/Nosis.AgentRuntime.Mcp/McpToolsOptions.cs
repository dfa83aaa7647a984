namespace Nosis.AgentRuntime.Mcp;

/// <summary>The MCP servers whose tools the runtime loads, and the time limits of starting them and calling their tools.</summary>
/// <remarks>Bound from the <c>Mcp</c> section: <c>Mcp:Servers:&lt;name&gt;:Scope</c>, <c>:Url</c> or <c>:Command</c> + <c>:Arguments</c>, and so on.</remarks>
public sealed class McpToolsOptions
{
    /// <summary>Gets the servers by name; a name is 1 to 32 letters, digits, <c>_</c> or <c>-</c>, and prefixes its tools' names when two servers offer the same tool name.</summary>
    public IDictionary<string, McpServerOptions> Servers { get; } = new Dictionary<string, McpServerOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets how long one server may take to start, initialize and list its tools before it is skipped for the turn.</summary>
    /// <value>The default is 30 seconds; 1 second to 5 minutes.</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long one tool call may take before the agent gets an error result instead.</summary>
    /// <value>The default is 60 seconds; 1 second to 30 minutes.</value>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long a local server's process may take to exit once its input is closed, before it is killed.</summary>
    /// <value>The default is 2 seconds; 0 to 1 minute.</value>
    public TimeSpan StdioShutdownTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
