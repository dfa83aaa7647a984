using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>
/// The Protocol V2 commands the tests send, shaped as letta-code 0.32.18 declares them in
/// <c>dist/types/types/protocol_v2.d.ts</c> (<c>AgentCreateCommand</c>, <c>AgentListCommand</c>, <c>InputCommand</c>) and
/// <c>runtime-start-protocol.d.ts</c> (<c>RuntimeStartCommand</c>); the <c>request_id</c> is added by <see cref="AppServerSocket.RequestAsync"/>.
/// </summary>
public static class ProtocolCommands
{
    public static JsonObject AgentCreate(string name, string model, params string[] tags) => new()
    {
        ["type"] = "agent_create",
        ["body"] = new JsonObject
        {
            ["name"] = name,
            ["model"] = model,
            ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
            ["memory_blocks"] = new JsonArray(new JsonObject { ["label"] = "persona", ["value"] = "A test agent." }),
        },
    };

    public static JsonObject AgentList(params string[] tags) => new()
    {
        ["type"] = "agent_list",
        ["query"] = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) },
    };

    public static JsonObject AgentDelete(string agentId) => new() { ["type"] = "agent_delete", ["agent_id"] = agentId };

    /// <summary>Starts a runtime on a new conversation of <paramref name="agentId"/> (which subscribes the socket), with the controller's tools if given.</summary>
    public static JsonObject RuntimeStart(string agentId, JsonArray? externalTools = null)
    {
        var command = new JsonObject { ["type"] = "runtime_start", ["agent_id"] = agentId, ["create_conversation"] = new JsonObject() };
        if (externalTools is not null)
        {
            command["external_tools"] = new JsonArray(new JsonObject { ["tools"] = externalTools });
        }

        return command;
    }

    public static JsonObject CreateMessage(JsonNode runtime, string text, string clientMessageId) => new()
    {
        ["type"] = "input",
        ["runtime"] = runtime.DeepClone(),
        ["payload"] = new JsonObject
        {
            ["kind"] = "create_message",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text, ["client_message_id"] = clientMessageId }),
        },
    };

    public static JsonObject ExternalToolResult(string requestId, string text) => new()
    {
        ["type"] = "external_tool_call_response",
        ["request_id"] = requestId,
        ["result"] = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) },
    };

    /// <summary>Denies a <c>control_request</c> (<c>can_use_tool</c>): <c>input</c> with an <c>approval_response</c> payload.</summary>
    public static JsonObject ApprovalDenied(JsonNode runtime, string requestId, string message) => new()
    {
        ["type"] = "input",
        ["runtime"] = runtime.DeepClone(),
        ["payload"] = new JsonObject
        {
            ["kind"] = "approval_response",
            ["request_id"] = requestId,
            ["decision"] = new JsonObject { ["behavior"] = "deny", ["message"] = message },
        },
    };

    /// <summary>A controller tool definition (<c>ExternalToolDefinitionPayload</c>: name, description, JSON schema parameters).</summary>
    public static JsonObject ExternalTool(string name, string description, JsonObject parameters) => new()
    {
        ["name"] = name,
        ["description"] = description,
        ["parameters"] = parameters,
    };
}
