using System.Text.Json;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Writes the fields of the Protocol V2 commands a turn sends (<c>runtime_start</c>, <c>input</c> <c>create_message</c>, <c>abort_message</c>).</summary>
internal static class AppServerCommands
{
    /// <summary>Writes <c>"runtime": {agent_id, conversation_id}</c>.</summary>
    public static void WriteRuntime(Utf8JsonWriter writer, RuntimeScope scope)
    {
        writer.WriteStartObject("runtime");
        writer.WriteString("agent_id", scope.AgentId);
        writer.WriteString("conversation_id", scope.ConversationId);
        writer.WriteEndObject();
    }

    /// <summary>Writes a <c>runtime_start</c> that subscribes the socket to an existing conversation, sets its permission mode and registers the turn's host tools.</summary>
    public static Action<Utf8JsonWriter> RuntimeStart(RuntimeScope scope, AppServerPermissionMode mode, IReadOnlyList<LettaClientTool>? tools) => writer =>
    {
        writer.WriteString("agent_id", scope.AgentId);
        writer.WriteString("conversation_id", scope.ConversationId);
        writer.WriteString("mode", ModeName(mode));
        writer.WriteBoolean("recover_approvals", false);
        writer.WriteStartArray("external_tools");
        writer.WriteStartObject();
        writer.WriteStartArray("tools");
        foreach (var tool in tools ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", tool.Name);
            writer.WriteString("description", tool.Description ?? tool.Name);
            writer.WritePropertyName("parameters");
            if (tool.Parameters is { ValueKind: JsonValueKind.Object } parameters)
            {
                parameters.WriteTo(writer);
            }
            else
            {
                writer.WriteRawValue("""{"type":"object","properties":{}}""");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    };

    /// <summary>Writes an <c>input</c> of kind <c>create_message</c>: the user's messages, with the server's own tools limited to those the target may use.</summary>
    public static Action<Utf8JsonWriter> CreateMessage(RuntimeScope scope, IEnumerable<LettaInputMessage> messages, IReadOnlyList<string> serverTools) => writer =>
    {
        WriteRuntime(writer, scope);
        writer.WriteStartObject("payload");
        writer.WriteString("kind", "create_message");
        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role);
            writer.WriteString("content", message.Content);
            if (message.Otid is { } otid)
            {
                writer.WriteString("client_message_id", otid);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        // Base toolset "none": the agent gets the runtime's external tools and only the server tools named here. An empty
        // client_tool_allowlist would remove the external tools as well (seen on letta-code 0.32.18).
        writer.WriteStartObject("client_toolset");
        writer.WriteString("base", "none");
        writer.WriteStartArray("include");
        foreach (var tool in serverTools)
        {
            writer.WriteStringValue(tool);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteBoolean("exclude_interactive_tools", true);
        writer.WriteEndObject();
    };

    /// <summary>Writes a list query's page fields, as Letta's list APIs take them: <c>limit</c>, the <c>after</c> cursor and <c>order</c>.</summary>
    public static void WritePage(Utf8JsonWriter writer, int limit, string? after, bool oldestFirst)
    {
        writer.WriteNumber("limit", limit);
        if (after is not null)
        {
            writer.WriteString("after", after);
        }

        writer.WriteString("order", oldestFirst ? "asc" : "desc");
    }

    /// <summary>Writes an <c>abort_message</c> for the runtime's running turn.</summary>
    public static Action<Utf8JsonWriter> Abort(RuntimeScope scope) => writer => WriteRuntime(writer, scope);

    /// <summary>Gets the server tools a target may use: none on <c>sandbox</c>, the configured ones on <c>local</c>.</summary>
    public static IReadOnlyList<string> ServerToolsFor(ExecutionTarget target, AppServerOptions options) =>
        target == ExecutionTarget.Local ? [.. options.LocalTools] : [];

    private static string ModeName(AppServerPermissionMode mode) => mode switch
    {
        AppServerPermissionMode.AcceptEdits => "acceptEdits",
        AppServerPermissionMode.Strict => "strict",
        AppServerPermissionMode.Unrestricted => "unrestricted",
        _ => "standard",
    };
}
