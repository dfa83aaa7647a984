using System.Buffers;
using System.Text.Json;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>The stored form of a message's parts: a JSON array of <c>{ "kind": … }</c> objects, written and read without reflection.</summary>
internal static class MessagePartsJson
{
    public static string? Write(IReadOnlyList<MessagePart>? parts)
    {
        if (parts is null)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var part in parts)
            {
                WritePart(json, part);
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<MessagePart>? Read(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(stored);
        var parts = new List<MessagePart>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            parts.Add(ReadPart(element));
        }

        return parts;
    }

    private static void WritePart(Utf8JsonWriter json, MessagePart part)
    {
        json.WriteStartObject();
        switch (part)
        {
            case TextPart text:
                json.WriteString("kind", "text");
                json.WriteString("text", text.Text);
                break;
            case ReasoningPart reasoning:
                json.WriteString("kind", "reasoning");
                json.WriteString("text", reasoning.Text);
                break;
            case ToolCallPart call:
                json.WriteString("kind", "tool-call");
                json.WriteString("id", call.ToolCallId);
                json.WriteString("name", call.ToolName);
                json.WriteString("input", call.Input);
                break;
            case ToolResultPart result:
                json.WriteString("kind", "tool-result");
                json.WriteString("id", result.ToolCallId);
                json.WriteString("output", result.Output);
                json.WriteBoolean("error", result.IsError);
                break;
            case OpaquePart opaque:
                json.WriteString("kind", "opaque");
                json.WriteString("type", opaque.Type);
                json.WriteString("json", opaque.Json);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(part), part.GetType().Name, "Not a message part kind this store knows.");
        }

        json.WriteEndObject();
    }

    private static MessagePart ReadPart(JsonElement element) => element.GetProperty("kind").GetString() switch
    {
        "text" => new TextPart(element.GetProperty("text").GetString()!),
        "reasoning" => new ReasoningPart(element.GetProperty("text").GetString()!),
        "tool-call" => new ToolCallPart(
            element.GetProperty("id").GetString()!, element.GetProperty("name").GetString()!, element.GetProperty("input").GetString()!),
        "tool-result" => new ToolResultPart(
            element.GetProperty("id").GetString()!, element.GetProperty("output").GetString(), element.GetProperty("error").GetBoolean()),
        "opaque" => new OpaquePart(element.GetProperty("type").GetString()!, element.GetProperty("json").GetString()!),
        _ => throw new InvalidOperationException("A stored message has a part of an unknown kind."),
    };
}
