using System.Buffers;
using System.Text.Json;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Builds small JSON elements without reflection.</summary>
internal static class JsonSerializerElement
{
    /// <summary>A <c>{ "type": "text", "text": … }</c> part.</summary>
    public static JsonElement Text(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
