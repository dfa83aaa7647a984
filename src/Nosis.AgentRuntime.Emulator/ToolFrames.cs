using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Tool-call deltas and tool-return messages as Letta shapes them.</summary>
internal static class ToolFrames
{
    /// <summary>
    /// The token-mode fragments of one call: the name (with the call id) first, then pieces of the arguments. Null fields are left
    /// out, as ToolCallDelta.model_dump(exclude_none=True) does (letta/schemas/letta_message.py).
    /// </summary>
    public static IEnumerable<JsonObject> Deltas(string name, string arguments, string toolCallId)
    {
        yield return new JsonObject { ["name"] = name, ["tool_call_id"] = toolCallId };
        var half = arguments.Length / 2;
        foreach (var piece in half == 0 ? [arguments] : new[] { arguments[..half], arguments[half..] })
        {
            yield return new JsonObject { ["arguments"] = piece, ["tool_call_id"] = toolCallId };
        }
    }

    /// <summary>One item of <c>tool_returns</c> (ToolReturn in letta/schemas/letta_message.py).</summary>
    public static JsonObject Result(string toolCallId, string output, string status) => new()
    {
        ["type"] = "tool",
        ["tool_return"] = output,
        ["status"] = status,
        ["tool_call_id"] = toolCallId,
        ["stdout"] = null,
        ["stderr"] = null,
    };

    /// <summary>
    /// A <c>tool_return_message</c> carrying every result in <c>tool_returns</c>, with the first repeated in the deprecated top-level
    /// fields (Message._convert_tool_return_messages in letta/schemas/message.py).
    /// </summary>
    public static JsonObject Returns(ReplyFrames frames, IReadOnlyList<JsonObject> results, string? name = null)
    {
        var first = results[0];
        return frames.Message("tool_return_message", new JsonObject
        {
            ["tool_return"] = first["tool_return"]?.DeepClone(),
            ["status"] = first["status"]?.DeepClone(),
            ["tool_call_id"] = first["tool_call_id"]?.DeepClone(),
            ["stdout"] = null,
            ["stderr"] = null,
            ["tool_returns"] = new JsonArray([.. results.Select(r => (JsonNode)r.DeepClone())]),
            ["name"] = name,
        });
    }
}
