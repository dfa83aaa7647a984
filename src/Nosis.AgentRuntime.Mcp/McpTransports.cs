using ModelContextProtocol.Client;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Makes the SDK transport for a server's settings: Streamable HTTP for a URL, stdio for a command.</summary>
internal static class McpTransports
{
    public static IClientTransport Create(string serverName, McpServerSettings settings, McpToolsOptions options)
    {
        if (settings.Url is { } url)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Name = serverName,
                    Endpoint = url,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    ConnectionTimeout = options.StartTimeout,
                    AdditionalHeaders = new Dictionary<string, string>(settings.Headers),
                });
        }

        if (string.IsNullOrWhiteSpace(settings.Command))
        {
            throw new McpSettingsException("its settings have neither a Url nor a Command");
        }

        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Name = serverName,
                Command = settings.Command,
                Arguments = [.. settings.Arguments],
                WorkingDirectory = settings.WorkingDirectory,
                InheritEnvironmentVariables = settings.InheritEnvironment,
                EnvironmentVariables = settings.Environment.ToDictionary(e => e.Key, e => (string?)e.Value, StringComparer.Ordinal),
                ShutdownTimeout = options.StdioShutdownTimeout,
            });
    }
}
