namespace Nosis.AgentRuntime.Mcp;

/// <summary>Thrown inside the loader when a server's settings cannot be used; reported with the server's name, never its values.</summary>
internal sealed class McpSettingsException(string message) : Exception(message);
