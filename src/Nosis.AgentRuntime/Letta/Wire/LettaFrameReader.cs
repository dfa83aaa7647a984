using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads Letta messages from UTF-8 JSON with one <see cref="Utf8JsonReader"/> pass, straight from the SSE parser's buffer: no frame copy, no DTO.</summary>
/// <remarks>One instance per stream (it keeps the envelope strings that repeat); not thread-safe.</remarks>
internal sealed class LettaFrameReader
{
    /// <summary>The <c>message_type</c> of Letta Cloud's <c>response_state</c> frames (<c>{cache_scope, response_id}</c>, read by letta-code's <c>src/agent/message.ts</c>), skipped on purpose.</summary>
    private const string ResponseState = "response_state";

    private static readonly byte[] DoneMarker = "[DONE]"u8.ToArray();

    private readonly LettaRepeatedStrings _strings = new();
    private LettaFrameEnvelope _envelope = new(null, null, null, null, null);

    /// <summary>Reads one message as a typed item (the non-streaming reply, tests).</summary>
    /// <exception cref="JsonException">The JSON is malformed or a known field has the wrong type.</exception>
    public static LettaStreamItem ReadItem(ReadOnlySpan<byte> json, bool isErrorEvent = false)
    {
        var frame = new LettaFrameReader().Read(json, isErrorEvent);
        return frame.Kind == LettaFrameKind.Skipped ? new LettaUnknownItem(ResponseState) : frame.ToItem();
    }

    /// <summary>Reads one SSE frame of a reply stream: <c>[DONE]</c>, a frame to skip, or a message.</summary>
    /// <exception cref="JsonException">The frame is malformed.</exception>
    public LettaFrame ReadSse(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.Trim(" \r\n"u8).SequenceEqual(DoneMarker))
        {
            return LettaFrame.Done;
        }

        return eventType switch
        {
            SseParser.EventTypeDefault => Read(data, isErrorEvent: false),
            "error" => Read(data, isErrorEvent: true),
            "cancelled" => ReadCancelled(data),
            _ => LettaFrame.Skipped,
        };
    }

    /// <summary>Reads one message; token deltas with plain text stay fields, everything else becomes a typed item.</summary>
    /// <exception cref="JsonException">The JSON is malformed or a known field has the wrong type.</exception>
    public LettaFrame Read(ReadOnlySpan<byte> json, bool isErrorEvent)
    {
        ReadFields(json, out var fields);
        if (!isErrorEvent && fields.MessageType == ResponseState)
        {
            return LettaFrame.Skipped; // Cloud's prompt-cache bookkeeping: in no client type, nothing for the reply.
        }

        if (isErrorEvent)
        {
            return LettaFrame.Of(LettaStreamItemMapper.MapErrorEvent(in fields));
        }

        return fields.MessageType switch
        {
            "assistant_message" when fields.ContentJson is null => Delta(LettaFrameKind.TextDelta, fields.ContentText ?? string.Empty, in fields),
            "reasoning_message" => Delta(LettaFrameKind.ReasoningDelta, fields.Reasoning ?? string.Empty, in fields),
            _ => LettaFrame.Of(LettaStreamItemMapper.Map(in fields)),
        };
    }

    private LettaFrame Delta(LettaFrameKind kind, string text, in LettaFrameFields fields)
    {
        _envelope = _envelope.Reuse(in fields);
        return LettaFrame.Delta(kind, text, _envelope, fields.SeqId);
    }

    private LettaFrame ReadCancelled(ReadOnlySpan<byte> data)
    {
        ReadFields(data, out var fields);
        return LettaFrame.Of(LettaStreamItemMapper.MapCancelledEvent(in fields));
    }

    /// <summary>Reads the fields into the caller's variable: the struct is large, and returning it would copy it.</summary>
    private void ReadFields(ReadOnlySpan<byte> json, out LettaFrameFields fields)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A Letta message must be a JSON object.");
        }

        fields = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            fields.Read(ref reader, _strings);
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            throw new JsonException("A Letta message must be one JSON object.");
        }
    }
}
