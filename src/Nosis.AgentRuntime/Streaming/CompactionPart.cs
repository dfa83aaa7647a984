using System.Buffers;
using System.Text.Json;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The <c>data-compaction</c> part a <see cref="CompactionEvent"/> becomes, in the UI stream and in the stored reply alike.</summary>
internal static class CompactionPart
{
    public const string Type = "data-compaction";

    public static readonly JsonEncodedText EncodedType = JsonEncodedText.Encode(Type);

    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText Trigger = JsonEncodedText.Encode("trigger");

    /// <summary>Writes the part's <c>data</c> property: <c>{"summary": …, "trigger"?: …}</c>.</summary>
    public static void WriteData(Utf8JsonWriter json, CompactionEvent compaction)
    {
        json.WriteStartObject(Data);
        json.WriteString(Summary, compaction.Summary);
        if (compaction.Trigger is { } trigger)
        {
            json.WriteString(Trigger, trigger);
        }

        json.WriteEndObject();
    }

    /// <summary>The whole part as a stored reply keeps it: <c>{"type": "data-compaction", "data": {…}}</c>.</summary>
    public static string ToJson(CompactionEvent compaction)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString(ChunkNames.Type, EncodedType);
            WriteData(json, compaction);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
