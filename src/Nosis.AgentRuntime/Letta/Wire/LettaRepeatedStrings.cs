using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The envelope strings of one reply stream that repeat on every token delta (message, step and run ids, <c>otid</c>, <c>date</c>, <c>message_type</c>).</summary>
/// <remarks>One instance per stream, read by one reader at a time: a delta whose envelope is unchanged allocates no envelope string.</remarks>
internal sealed class LettaRepeatedStrings
{
    public Slot MessageType { get; } = new();

    public Slot Id { get; } = new();

    public Slot Date { get; } = new();

    public Slot Otid { get; } = new();

    public Slot RunId { get; } = new();

    public Slot StepId { get; } = new();

    /// <summary>The last value of one field, kept with its UTF-8 bytes: an unchanged value is recognised by a byte comparison, with no transcoding.</summary>
    /// <remarks>An escaped value is compared after unescaping, so the result always equals <see cref="Utf8JsonReader.GetString"/>.</remarks>
    internal sealed class Slot
    {
        private string? _last;
        private byte[] _lastUtf8 = [];

        public string? Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected a string, got {reader.TokenType}.");
            }

            if (_last is { } last && !reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                if (reader.ValueSpan.SequenceEqual(_lastUtf8))
                {
                    return last;
                }
            }
            else if (_last is { } escaped && reader.ValueTextEquals(escaped))
            {
                return escaped;
            }

            var value = reader.GetString()!;
            _last = value;
            _lastUtf8 = Encoding.UTF8.GetBytes(value);
            return value;
        }
    }
}
