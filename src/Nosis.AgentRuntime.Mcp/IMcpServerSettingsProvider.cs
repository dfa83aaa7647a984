namespace Nosis.AgentRuntime.Mcp;

/// <summary>The host's callback for the settings and credentials of an MCP server for one office.</summary>
/// <remarks>
/// The loader calls it only with a concrete office id, once per server in the conversation's scopes and turn, without a captured
/// synchronization context. What it returns is never logged or reported. It may throw: that server is then reported and skipped.
/// </remarks>
public interface IMcpServerSettingsProvider
{
    /// <summary>Returns how to reach a server for an office.</summary>
    /// <param name="request">The office, the server and its configured settings.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The settings, e.g. <c>request.Configured with { Headers = … }</c>; or <see langword="null"/> when the office does not use this server.</returns>
    ValueTask<McpServerSettings?> GetSettingsAsync(McpServerSettingsRequest request, CancellationToken cancellationToken = default);
}
