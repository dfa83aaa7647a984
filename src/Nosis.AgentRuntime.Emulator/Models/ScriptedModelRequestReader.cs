using System.Text.Json;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>Reads the parts of a chat completions request body (OpenAI's <c>ChatCompletionCreateParams</c>) that tests assert on.</summary>
internal static class ScriptedModelRequestReader
{
    /// <exception cref="JsonException">The body is not a JSON object.</exception>
    public static ScriptedModelRequest Read(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A chat completions request body is a JSON object.");
        }

        var messages = root.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Array
            ? [.. m.EnumerateArray().Select(ReadMessage)]
            : new List<ScriptedModelMessage>();
        var tools = root.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array
            ? [.. t.EnumerateArray().Select(tool => String(tool, "function", "name")).OfType<string>()]
            : new List<string>();
        return new ScriptedModelRequest(
            String(root, "model") ?? string.Empty,
            root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True,
            root.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("include_usage", out var usage) && usage.ValueKind == JsonValueKind.True,
            messages,
            tools,
            body);
    }

    private static ScriptedModelMessage ReadMessage(JsonElement message)
    {
        var parts = new List<string>();
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                parts.Add(content.GetString()!);
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                parts.AddRange(content.EnumerateArray().Where(p => String(p, "type") == "text").Select(p => String(p, "text")).OfType<string>());
            }
        }

        var calls = message.TryGetProperty("tool_calls", out var c) && c.ValueKind == JsonValueKind.Array
            ? [.. c.EnumerateArray().Select(call => new ScriptedToolCall(String(call, "function", "name") ?? string.Empty, String(call, "function", "arguments") ?? string.Empty, String(call, "id")))]
            : new List<ScriptedToolCall>();
        return new ScriptedModelMessage(String(message, "role") ?? string.Empty, string.Join('\n', parts), parts, String(message, "tool_call_id"), calls);
    }

    private static string? String(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
