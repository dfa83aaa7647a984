using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The fields of the Protocol V2 commands <see cref="DirectAppServerClient"/> sends, shaped as letta-code 0.32.18 declares them
/// (<c>protocol_v2.d.ts</c>: <c>AgentCreateCommand</c>, <c>InputCommand</c>; <c>runtime-start-protocol.d.ts</c>: <c>RuntimeStartCommand</c>),
/// with the same tool set-up the runtime's App Server backend sends, so the server does the same work for both.
/// </summary>
public static class DirectCommands
{
    public static void WriteAgentCreate(Utf8JsonWriter writer, string model, string tag)
    {
        writer.WriteStartObject("body");
        writer.WriteString("name", tag);
        writer.WriteString("model", model);
        writer.WriteStartArray("tags");
        writer.WriteStringValue(tag);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A <c>runtime_start</c> on the agent's own conversation, as the runtime sends it before each turn (standard mode, no host tools).</summary>
    public static void WriteRuntimeStart(Utf8JsonWriter writer, string agentId)
    {
        writer.WriteString("agent_id", agentId);
        writer.WriteString("conversation_id", "default");
        writer.WriteString("mode", "standard");
        writer.WriteBoolean("recover_approvals", false);
        writer.WriteStartArray("external_tools");
        writer.WriteStartObject();
        writer.WriteStartArray("tools");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    /// <summary>An <c>input</c> <c>create_message</c> in the agent's own conversation, with no server tool (the sandbox target's set-up).</summary>
    public static void WriteCreateMessage(Utf8JsonWriter writer, string agentId, string text, string clientMessageId)
    {
        writer.WriteStartObject("runtime");
        writer.WriteString("agent_id", agentId);
        writer.WriteString("conversation_id", "default");
        writer.WriteEndObject();
        writer.WriteStartObject("payload");
        writer.WriteString("kind", "create_message");
        writer.WriteStartArray("messages");
        writer.WriteStartObject();
        writer.WriteString("role", "user");
        writer.WriteString("content", text);
        writer.WriteString("client_message_id", clientMessageId);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("client_toolset");
        writer.WriteString("base", "none");
        writer.WriteStartArray("include");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteBoolean("exclude_interactive_tools", true);
        writer.WriteEndObject();
    }
}
