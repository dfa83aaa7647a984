namespace Nosis.AgentRuntime.Mcp;

/// <summary>How to reach one MCP server for one office: what the host's <see cref="IMcpServerSettingsProvider"/> returns.</summary>
/// <remarks>
/// Set either <see cref="Url"/> or <see cref="Command"/>. <see cref="Headers"/>, <see cref="Environment"/> and any credentials in
/// <see cref="Url"/> are secrets: the loader sends them to the server and redacts them from every log line and error report.
/// </remarks>
public sealed record McpServerSettings
{
    private static readonly Dictionary<string, string> None = [];

    /// <summary>Gets the address of a remote server (Streamable HTTP).</summary>
    public Uri? Url { get; init; }

    /// <summary>Gets the command that starts a local server (stdio).</summary>
    public string? Command { get; init; }

    /// <summary>Gets the command's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Gets the command's working directory, or <see langword="null"/> for the host's.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Gets the HTTP headers sent to a remote server.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = None;

    /// <summary>Gets the environment variables of a local server's process.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = None;

    /// <summary>Gets a value indicating whether a local server's process inherits the host's environment.</summary>
    public bool InheritEnvironment { get; init; } = true;

    /// <summary>Gets the transport the settings use: <c>http</c> or <c>stdio</c>.</summary>
    public string TransportName => Url is not null ? "http" : "stdio";

    /// <summary>Copies the configured settings of a server.</summary>
    /// <param name="options">The server's options.</param>
    /// <returns>The settings, independent of later changes to <paramref name="options"/>.</returns>
    public static McpServerSettings From(McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new McpServerSettings
        {
            Url = options.Url,
            Command = options.Command,
            Arguments = [.. options.Arguments],
            WorkingDirectory = options.WorkingDirectory,
            Headers = new Dictionary<string, string>(options.Headers, StringComparer.OrdinalIgnoreCase),
            Environment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal),
            InheritEnvironment = options.InheritEnvironment,
        };
    }
}
