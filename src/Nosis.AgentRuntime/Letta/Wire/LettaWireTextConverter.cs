using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads a string token as text without a <see cref="JsonDocument"/>, and any other value as a <see cref="JsonElement"/>.</summary>
internal sealed class LettaWireTextConverter : JsonConverter<LettaWireText>
{
    public override LettaWireText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new LettaWireText(reader.GetString(), null),
        JsonTokenType.Null => default,
        _ => new LettaWireText(null, JsonElement.ParseValue(ref reader)),
    };

    public override void Write(Utf8JsonWriter writer, LettaWireText value, JsonSerializerOptions options)
    {
        if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.Json is { } json)
        {
            json.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
