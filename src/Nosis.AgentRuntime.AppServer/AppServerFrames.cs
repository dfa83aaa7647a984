using System.Text.Json;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Reads the envelope fields every App Server frame routes by.</summary>
internal static class AppServerFrames
{
    /// <summary>Gets the frame's <c>type</c>.</summary>
    public static string? Type(JsonElement frame) => String(frame, "type");

    /// <summary>Gets a string field, or <see langword="null"/> when it is absent or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Gets the <c>request_id</c> of an answer to one of the client's commands; <see langword="null"/> for a frame the server starts.</summary>
    public static string? ResponseId(JsonElement frame) =>
        Type(frame) is { } type && (type.EndsWith("_response", StringComparison.Ordinal) || type == "input_accepted") ? String(frame, "request_id") : null;

    /// <summary>Gets the runtime a frame belongs to: its <c>runtime</c> scope, or the <c>agent_id</c> and <c>conversation_id</c> beside the type.</summary>
    public static RuntimeScope? Scope(JsonElement frame)
    {
        var scope = frame.TryGetProperty("runtime", out var runtime) && runtime.ValueKind == JsonValueKind.Object ? runtime : frame;
        return String(scope, "agent_id") is { } agent && String(scope, "conversation_id") is { } conversation ? new RuntimeScope(agent, conversation) : null;
    }
}
