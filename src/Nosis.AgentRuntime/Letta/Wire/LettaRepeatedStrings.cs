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

    /// <summary>The last value of one field; the comparison is on the unescaped text, so the result always equals <see cref="Utf8JsonReader.GetString"/>.</summary>
    internal sealed class Slot
    {
        private string? _last;

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

            if (_last is { } last && reader.ValueTextEquals(last))
            {
                return last;
            }

            return _last = reader.GetString();
        }
    }
}
