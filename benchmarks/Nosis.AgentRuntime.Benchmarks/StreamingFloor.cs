using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net.ServerSentEvents;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// (f) The floor: a hand-written pipeline over the same bytes that reads each frame with one <see cref="Utf8JsonReader"/> pass
/// inside the SSE parser's callback, straight into the few fields it needs, and writes the same UI chunks as (d) with one
/// reused <see cref="Utf8JsonWriter"/> into a <see cref="PipeWriter"/>, flushing per event. It allocates the delta string and
/// nothing else per delta. It knows only the recorded stream's shapes; it is a measuring stick, not a client.
/// </summary>
public sealed class StreamingFloor
{
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private byte[] _otid = [];
    private string? _openPart;
    private int _parts;
    private string? _callId;
    private string? _callName;
    private string _callArguments = string.Empty;
    private long _input;
    private long _output;
    private long _steps;

    private StreamingFloor(PipeWriter pipe)
    {
        _pipe = pipe;
        _json = new Utf8JsonWriter(pipe, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static async Task RunAsync(byte[] sse, string messageId, string model, Stream sink)
    {
        var pipe = PipeWriter.Create(sink, new StreamPipeWriterOptions(leaveOpen: true));
        var floor = new StreamingFloor(pipe);
        floor.Chunk("start", messageId: messageId);
        await pipe.FlushAsync().ConfigureAwait(false);
        floor.Chunk("start-step");
        await pipe.FlushAsync().ConfigureAwait(false);
        using var source = new MemoryStream(sse, writable: false);
        await foreach (var item in SseParser.Create(source, floor.OnFrame).EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data)
            {
                await pipe.FlushAsync().ConfigureAwait(false);
            }
        }

        floor.ClosePart();
        floor.Chunk("finish-step");
        await pipe.FlushAsync().ConfigureAwait(false);
        floor.Finish(model);
        await pipe.FlushAsync().ConfigureAwait(false);
        await pipe.CompleteAsync().ConfigureAwait(false);
        await floor._json.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Handles one frame; returns whether it wrote anything to flush.</summary>
    private bool OnFrame(string eventType, ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(data);
        reader.Read();
        var type = 0; // 1 assistant, 2 ping, 3 tool call, 4 tool return, 5 usage
        string? content = null;
        var otidChanged = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("message_type"u8))
            {
                reader.Read();
                type = reader.ValueTextEquals("assistant_message"u8) ? 1 : reader.ValueTextEquals("ping"u8) ? 2 : reader.ValueTextEquals("tool_call_message"u8) ? 3
                    : reader.ValueTextEquals("tool_return_message"u8) ? 4 : reader.ValueTextEquals("usage_statistics"u8) ? 5 : 0;
            }
            else if (reader.ValueTextEquals("otid"u8))
            {
                reader.Read();
                if (!reader.ValueSpan.SequenceEqual(_otid))
                {
                    _otid = reader.ValueSpan.ToArray();
                    otidChanged = true;
                }
            }
            else if (reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("tool_return"u8))
            {
                reader.Read();
                content = reader.GetString();
            }
            else if (reader.ValueTextEquals("tool_call"u8))
            {
                reader.Read();
                ReadToolCall(ref reader);
            }
            else
            {
                ReadOther(ref reader);
            }
        }

        switch (type)
        {
            case 1:
                if (otidChanged || _openPart is null)
                {
                    ClosePart();
                    _openPart = "t" + (++_parts).ToString(CultureInfo.InvariantCulture);
                    Chunk("text-start", id: _openPart);
                }

                Begin("text-delta");
                _json.WriteString("id"u8, _openPart);
                _json.WriteString("delta"u8, content);
                End();
                return true;
            case 2:
                _pipe.Write(": keep-alive\n\n"u8);
                return true;
            case 4:
                ClosePart();
                Begin("tool-input-available");
                _json.WriteString("toolCallId"u8, _callId);
                _json.WriteString("toolName"u8, _callName);
                _json.WritePropertyName("input"u8);
                using (var input = JsonDocument.Parse(_callArguments))
                {
                    input.RootElement.WriteTo(_json);
                }

                End();
                Begin("tool-output-available");
                _json.WriteString("toolCallId"u8, _callId);
                _json.WriteString("output"u8, content);
                End();
                return true;
            default:
                return false;
        }
    }

    private void ReadToolCall(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.ValueTextEquals("name"u8) ? 1 : reader.ValueTextEquals("arguments"u8) ? 2 : reader.ValueTextEquals("tool_call_id"u8) ? 3 : 0;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                continue;
            }

            switch (property)
            {
                case 1: _callName = reader.GetString(); break;
                case 2: _callArguments += reader.GetString(); break;
                case 3: _callId ??= reader.GetString(); break;
            }
        }
    }

    private void ReadOther(ref Utf8JsonReader reader)
    {
        var property = reader.ValueTextEquals("prompt_tokens"u8) ? 1 : reader.ValueTextEquals("completion_tokens"u8) ? 2 : reader.ValueTextEquals("step_count"u8) ? 3 : 0;
        reader.Read();
        switch (property)
        {
            case 1: _input = reader.GetInt64(); break;
            case 2: _output = reader.GetInt64(); break;
            case 3: _steps = reader.GetInt64(); break;
            default: reader.Skip(); break;
        }
    }

    private void ClosePart()
    {
        if (_openPart is not null)
        {
            Chunk("text-end", id: _openPart);
            _openPart = null;
        }
    }

    private void Finish(string model)
    {
        Begin("finish");
        _json.WriteString("finishReason"u8, "stop"u8);
        _json.WriteStartObject("messageMetadata"u8);
        _json.WriteString("model"u8, model);
        _json.WriteStartObject("usage"u8);
        _json.WriteNumber("inputTokens"u8, _input);
        _json.WriteNumber("outputTokens"u8, _output);
        _json.WriteNumber("totalTokens"u8, _input + _output);
        _json.WriteNumber("stepCount"u8, _steps);
        _json.WriteEndObject();
        _json.WriteEndObject();
        End();
        _pipe.Write("data: [DONE]\n\n"u8);
    }

    private void Chunk(string type, string? id = null, string? messageId = null)
    {
        Begin(type);
        if (id is not null)
        {
            _json.WriteString("id"u8, id);
        }

        if (messageId is not null)
        {
            _json.WriteString("messageId"u8, messageId);
        }

        End();
    }

    private void Begin(string type)
    {
        _pipe.Write("data: "u8);
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteString("type"u8, type);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _pipe.Write("\n\n"u8);
    }
}
