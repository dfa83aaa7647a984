using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// A Letta token stream recorded once into memory, in Letta's wire shape (docs/letta-wire-contract.md §3): a first ping
/// with the run id, <c>assistant_message</c> token deltas that share one message id per LLM step and a new <c>otid</c> per
/// type change, a ping every <see cref="PingEvery"/> frames, a server tool call (<c>tool_call_message</c> argument fragments,
/// then a whole <c>tool_return_message</c> in the next step), then <c>stop_reason</c>, <c>usage_statistics</c> and
/// <c>data: [DONE]</c>. Field order and nulls follow the emulator, which the official client reads.
/// </summary>
public sealed class RecordedLettaStream
{
    public const int PingEvery = 500;

    private static readonly string[] Words =
    [
        "The ", "agent ", "streams ", "its ", "reply ", "token ", "by ", "token, ", "and ", "each ", "delta ", "travels ",
        "as ", "one ", "server-sent ", "event ", "with ", "ids, ", "a ", "date ", "and ", "the ", "text. ", "Ünïcödé ",
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(4 << 20);
    private readonly Random _random = new(20260901);
    private readonly string _runId;
    private readonly DateTimeOffset _date = new(2026, 9, 1, 12, 0, 0, TimeSpan.Zero);
    private string _messageId = string.Empty;
    private string _stepId = string.Empty;
    private string? _lastType;
    private int _otidIndex;

    private RecordedLettaStream(int deltas)
    {
        _runId = NewId("run");
        Deltas = deltas;
        Build();
        Bytes = _buffer.WrittenSpan.ToArray();
    }

    /// <summary>Gets the SSE bytes of the whole reply.</summary>
    public byte[] Bytes { get; }

    /// <summary>Gets how many <c>assistant_message</c> deltas the stream carries.</summary>
    public int Deltas { get; }

    /// <summary>Gets how many SSE events the stream carries, <c>[DONE]</c> included.</summary>
    public int Frames { get; private set; }

    /// <summary>Gets how many characters of assistant text the deltas add up to.</summary>
    public int TextLength { get; private set; }

    public static RecordedLettaStream Create(int deltas) => new(deltas);

    private void Build()
    {
        Ping();
        NextStep();
        var half = Deltas / 2;
        for (var i = 0; i < Deltas; i++)
        {
            if (i == half)
            {
                ToolCall();
            }

            if (i > 0 && i % PingEvery == 0)
            {
                Ping();
            }

            var word = Words[i % Words.Length];
            TextLength += word.Length;
            Frame("assistant_message", w => w.WriteString("content", word));
        }

        Plain("stop_reason", w => w.WriteString("stop_reason", "end_turn"));
        Plain("usage_statistics", w =>
        {
            w.WriteNumber("completion_tokens", Deltas + 2);
            w.WriteNumber("prompt_tokens", 1200);
            w.WriteNumber("total_tokens", 1200 + Deltas + 2);
            w.WriteNumber("step_count", 3);
            w.WriteStartArray("run_ids");
            w.WriteStringValue(_runId);
            w.WriteEndArray();
        });
        Write("data: [DONE]\n\n"u8);
    }

    private void ToolCall()
    {
        const string Arguments = "{\"query\":\"weather in Lisbon\",\"units\":\"metric\"}";
        var callId = "call_" + NewHex(24);
        var fragments = new[] { Arguments[..20], Arguments[20..] };
        for (var f = 0; f < fragments.Length; f++)
        {
            var fragment = fragments[f];
            var name = f == 0 ? "web_search" : null;
            Frame("tool_call_message", w =>
            {
                WriteDelta(w, "tool_call", name, fragment, callId);
                WriteDelta(w, "tool_calls", name, fragment, callId);
            });
        }

        NextStep();
        Frame("tool_return_message", w =>
        {
            w.WriteString("tool_return", "{\"temperature\":21,\"sky\":\"clear\"}");
            w.WriteString("status", "success");
            w.WriteString("tool_call_id", callId);
            w.WriteNull("stdout");
            w.WriteNull("stderr");
        });
        NextStep();

        static void WriteDelta(Utf8JsonWriter w, string property, string? name, string arguments, string callId)
        {
            w.WriteStartObject(property);
            w.WriteString("name", name);
            w.WriteString("arguments", arguments);
            w.WriteString("tool_call_id", callId);
            w.WriteEndObject();
        }
    }

    private void Ping() => Event(w =>
    {
        w.WriteString("message_type", "ping");
        w.WriteString("id", NewId("ping"));
        w.WriteString("date", DateText());
        w.WriteString("run_id", _runId);
        w.WriteNull("seq_id");
    });

    private void Frame(string messageType, Action<Utf8JsonWriter> fields)
    {
        if (_lastType is not null && _lastType != messageType)
        {
            _otidIndex++;
        }

        _lastType = messageType;
        Event(w =>
        {
            w.WriteString("id", _messageId);
            w.WriteString("date", DateText());
            w.WriteNull("name");
            w.WriteString("message_type", messageType);
            w.WriteString("otid", $"{_messageId["message-".Length..]}-{_otidIndex}");
            w.WriteNull("sender_id");
            w.WriteString("step_id", _stepId);
            w.WriteNull("seq_id");
            w.WriteString("run_id", _runId);
            fields(w);
        });
    }

    private void Plain(string messageType, Action<Utf8JsonWriter> fields) => Event(w =>
    {
        w.WriteString("message_type", messageType);
        fields(w);
    });

    private void Event(Action<Utf8JsonWriter> body)
    {
        Write("data: "u8);
        using (var json = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        Write("\n\n"u8);
        Frames++;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        if (bytes.SequenceEqual("data: [DONE]\n\n"u8))
        {
            Frames++;
        }
    }

    private void NextStep()
    {
        _messageId = NewId("message");
        _stepId = NewId("step");
        _lastType = null;
        _otidIndex = 0;
    }

    private string DateText() => _date.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    private string NewId(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4, as Letta's uuid4 ids
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"{prefix}-{new Guid(bytes):D}";
    }

    private string NewHex(int length) => NewId("x")[2..].Replace("-", string.Empty, StringComparison.Ordinal)[..length];
}
