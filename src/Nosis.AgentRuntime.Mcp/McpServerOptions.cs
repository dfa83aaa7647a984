using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>One MCP server as configured under <c>Mcp:Servers:&lt;name&gt;</c>: its scope and either a URL (Streamable HTTP) or a command (stdio).</summary>
/// <remarks>Header and environment values are secrets: they are sent to the server only, never logged or reported.</remarks>
public sealed class McpServerOptions
{
    /// <summary>Gets or sets the scope of the server's tools: <c>global</c>, <c>sandbox</c> or <c>local</c>; required.</summary>
    /// <value>The default is <see langword="null"/>, which fails validation: a server's scope is never guessed.</value>
    public ToolScope? Scope { get; set; }

    /// <summary>Gets or sets the address of a remote server, reached over the Streamable HTTP transport.</summary>
    /// <value>The default is <see langword="null"/>. Set either this or <see cref="Command"/>.</value>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the command that starts a local server, reached over stdio.</summary>
    /// <value>The default is <see langword="null"/>. Set either this or <see cref="Url"/>.</value>
    public string? Command { get; set; }

    /// <summary>Gets the command's arguments, in order.</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>Gets or sets the working directory of the command.</summary>
    /// <value>The default is <see langword="null"/>: the host's current directory.</value>
    public string? WorkingDirectory { get; set; }

    /// <summary>Gets the HTTP headers sent to a remote server, e.g. <c>Authorization</c>.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the environment variables set for a local server's process.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether a local server's process inherits the host's environment variables.</summary>
    /// <value>The default is <see langword="true"/> (as the MCP SDK does). Set <see langword="false"/> to start it with <see cref="Environment"/> only, so no secret of the host's environment reaches it.</value>
    public bool InheritEnvironment { get; set; } = true;
}
