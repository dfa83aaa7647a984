namespace Nosis.AgentRuntime.Mcp;

/// <summary>The default <see cref="IMcpServerSettingsProvider"/>: every office uses every configured server with its configured settings.</summary>
internal sealed class ConfiguredMcpServerSettingsProvider : IMcpServerSettingsProvider
{
    public ValueTask<McpServerSettings?> GetSettingsAsync(McpServerSettingsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult<McpServerSettings?>(request.Configured);
    }
}
