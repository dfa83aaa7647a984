using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>What the loader asks the host for: the settings of one configured server for one office.</summary>
/// <param name="OfficeId">The conversation's office; never null or blank.</param>
/// <param name="UserId">The user the tools act for.</param>
/// <param name="ConversationId">The conversation the tools are loaded for.</param>
/// <param name="ServerName">The server's configured name.</param>
/// <param name="Scope">The server's configured scope (the host cannot change it).</param>
/// <param name="Configured">The settings from configuration, to return as they are or with the office's credentials added.</param>
public sealed record McpServerSettingsRequest(
    string OfficeId,
    string UserId,
    string ConversationId,
    string ServerName,
    ToolScope Scope,
    McpServerSettings Configured);
