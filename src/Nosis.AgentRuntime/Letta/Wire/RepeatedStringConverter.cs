using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>
/// Reads strings that repeat frame after frame (message, step and run ids, <c>otid</c>, <c>date</c>, <c>message_type</c>) and
/// returns the previous instance when the value is unchanged, so a token delta does not allocate its envelope's strings again.
/// </summary>
/// <remarks>
/// Thread-safe: the last value is read once into a local and replaced with a single reference write; concurrent streams only
/// lower the hit rate. The comparison is on the unescaped value, so the result is always equal to what <see cref="Utf8JsonReader.GetString"/> returns.
/// </remarks>
internal sealed class RepeatedStringConverter : JsonConverter<string>
{
    private string? _last;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, got {reader.TokenType}.");
        }

        var last = Volatile.Read(ref _last);
        if (last is not null && reader.ValueTextEquals(last))
        {
            return last;
        }

        var value = reader.GetString()!;
        Volatile.Write(ref _last, value);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
