using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads the nested JSON values of a Letta message (tool calls, tool returns, content parts, error objects) leniently: a value of an unexpected shape reads as absent.</summary>
internal static class LettaJsonValues
{
    public static IReadOnlyList<LettaToolCall> ReadToolCalls(in LettaFrameFields wire)
    {
        if (wire.ToolCalls is { } calls)
        {
            if (calls.ValueKind == JsonValueKind.Array)
            {
                var list = new List<LettaToolCall>(calls.GetArrayLength());
                foreach (var call in calls.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object)
                    {
                        list.Add(ReadToolCall(call));
                    }
                }

                if (list.Count > 0)
                {
                    return list;
                }
            }
            else if (calls.ValueKind == JsonValueKind.Object)
            {
                return [ReadToolCall(calls)];
            }
        }

        return wire.ToolCall is { ValueKind: JsonValueKind.Object } single ? [ReadToolCall(single)] : [];
    }

    public static IReadOnlyList<LettaToolReturnResult> ReadToolReturns(JsonElement? returns)
    {
        if (returns is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var list = new List<LettaToolReturnResult>(array.GetArrayLength());
        foreach (var result in array.EnumerateArray())
        {
            if (result.ValueKind == JsonValueKind.Object)
            {
                var output = result.TryGetProperty("tool_return", out var value) ? JoinText(value) : string.Empty;
                list.Add(new LettaToolReturnResult(ReadNested(result, "tool_call_id"), output, ReadNested(result, "status")));
            }
        }

        return list;
    }

    public static IReadOnlyList<string> ReadStrings(JsonElement? values)
    {
        if (values is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var value in array.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                list.Add(value.GetString()!);
            }
        }

        return list;
    }

    public static LettaToolCall ReadToolCall(JsonElement call) =>
        new(ReadNested(call, "tool_call_id"), ReadNested(call, "name"), ReadNested(call, "arguments"));

    public static string? ReadToolReturnId(JsonElement? toolReturn) =>
        toolReturn is { ValueKind: JsonValueKind.Object } value ? ReadNested(value, "tool_call_id") : null;

    public static string JoinText(JsonElement? content)
    {
        if (content is not { } value)
        {
            return string.Empty;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() ?? string.Empty;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in value.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        text.Append(part.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(partText.GetString());
                    }
                }

                return text.ToString();
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return string.Empty;
            default:
                return value.GetRawText();
        }
    }

    public static string? AsText(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text ? text.GetString() : null;

    public static string? ReadNested(JsonElement? value, string property) =>
        value is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var nested) && nested.ValueKind == JsonValueKind.String
            ? nested.GetString()
            : null;
}
