using System.Text.Json;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>A call of one of the App Server's own tools, waiting for the host's decision.</summary>
/// <param name="AgentId">The agent that calls it.</param>
/// <param name="ConversationId">The App Server conversation (<c>default</c> for the agent's own).</param>
/// <param name="Target">Where the conversation's tools may run.</param>
/// <param name="ToolName">The tool, e.g. <c>Bash</c>.</param>
/// <param name="ToolCallId">The call's id.</param>
/// <param name="Input">The call's arguments as the server sent them.</param>
public sealed record AppServerToolRequest(string AgentId, string ConversationId, ExecutionTarget Target, string ToolName, string ToolCallId, JsonElement Input);
