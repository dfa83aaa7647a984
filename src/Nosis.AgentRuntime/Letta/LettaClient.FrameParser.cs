using System.Text;
using System.Text.Json;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <content>The SSE item parser of one reply stream.</content>
public sealed partial class LettaClient
{
    /// <summary>Reads each SSE frame of one stream as it is parsed, counts the frames, and turns a malformed one into <see cref="LettaStreamFormatException"/>.</summary>
    private sealed class FrameParser(LettaClient client, string agentId)
    {
        private const int PreviewLength = 32;

        private readonly LettaFrameReader _reader = new();

        public int Count { get; private set; }

        public LettaFrame Parse(string eventType, ReadOnlySpan<byte> data)
        {
            var index = Count++;
            LettaFrame frame;
            try
            {
                frame = _reader.ReadSse(eventType, data);
            }
            catch (JsonException exception)
            {
                client._logger.StreamFrameMalformed(agentId, index);
                throw new LettaStreamFormatException(index, Preview(data), exception);
            }

            if (frame.Item is LettaUnknownItem unknown)
            {
                client._logger.StreamUnknownMessageType(agentId, unknown.UnknownMessageType);
            }

            return frame.Item is LettaStreamError error
                ? LettaFrame.Of(error with { Message = client._redactor.Redact(error.Message), Detail = client._redactor.RedactOrNull(error.Detail) })
                : frame;
        }

        private string Preview(ReadOnlySpan<byte> frame)
        {
            var text = Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, PreviewLength * 4)]);
            text = client._redactor.Redact(text);
            if (text.Length > PreviewLength)
            {
                text = text[..PreviewLength];
            }

            var builder = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                builder.Append(char.IsControl(c) ? '?' : c);
            }

            return builder.ToString();
        }
    }
}
