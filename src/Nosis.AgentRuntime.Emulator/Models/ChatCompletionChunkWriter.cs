using System.Buffers;
using System.Text.Json;

namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>
/// Writes OpenAI's chat completions stream: server-sent events whose data is a <c>chat.completion.chunk</c>
/// (<c>id</c>, <c>object</c>, <c>created</c>, <c>model</c>, <c>choices[0].delta</c>, <c>finish_reason</c>), then, when the client asked
/// (<c>stream_options.include_usage</c>), a chunk with empty <c>choices</c> and the <c>usage</c>, then <c>data: [DONE]</c>.
/// The shapes are those of OpenAI's <c>ChatCompletionChunk</c> type (the openai npm package, <c>resources/chat/completions</c>);
/// <c>delta.reasoning_content</c> is the reasoning field OpenAI-compatible servers (vLLM, DeepSeek, llama.cpp) add to it.
/// </summary>
internal sealed class ChatCompletionChunkWriter(Stream body, string model, bool includeUsage)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..24];
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private bool _roleSent;

    public Task ContentAsync(string text, CancellationToken cancellationToken) =>
        DeltaAsync(w => w.WriteString("content", text), finishReason: null, cancellationToken);

    public Task ReasoningAsync(string text, CancellationToken cancellationToken) =>
        DeltaAsync(w => w.WriteString("reasoning_content", text), finishReason: null, cancellationToken);

    /// <summary>The first chunk of a tool call: its index, id, type and name, with empty arguments.</summary>
    public Task ToolCallStartAsync(int index, ScriptedToolCall call, CancellationToken cancellationToken) =>
        DeltaAsync(w => ToolCall(w, index, call.Id, call.Name, string.Empty), finishReason: null, cancellationToken);

    /// <summary>A fragment of a tool call's arguments: its index and the text to append.</summary>
    public Task ToolCallArgumentsAsync(int index, string fragment, CancellationToken cancellationToken) =>
        DeltaAsync(w => ToolCall(w, index, id: null, name: null, fragment), finishReason: null, cancellationToken);

    public Task FinishAsync(string finishReason, CancellationToken cancellationToken) =>
        DeltaAsync(static _ => { }, finishReason, cancellationToken);

    public Task UsageAsync(int promptTokens, int completionTokens, CancellationToken cancellationToken) =>
        WriteEventAsync(
            w =>
            {
                WriteHeader(w);
                w.WriteStartArray("choices");
                w.WriteEndArray();
                ChatCompletionUsage.Write(w, promptTokens, completionTokens);
            },
            cancellationToken);

    public async Task DoneAsync(CancellationToken cancellationToken)
    {
        await body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task DeltaAsync(Action<Utf8JsonWriter> writeDelta, string? finishReason, CancellationToken cancellationToken) =>
        WriteEventAsync(
            w =>
            {
                WriteHeader(w);
                w.WriteStartArray("choices");
                w.WriteStartObject();
                w.WriteNumber("index", 0);
                w.WriteStartObject("delta");
                if (!_roleSent)
                {
                    w.WriteString("role", "assistant");
                    _roleSent = true;
                }

                writeDelta(w);
                w.WriteEndObject();
                w.WriteNull("logprobs");
                WriteStringOrNull(w, "finish_reason", finishReason);
                w.WriteEndObject();
                w.WriteEndArray();
                if (includeUsage)
                {
                    // OpenAI sends "usage": null on every chunk but the last when the client asked for usage.
                    w.WriteNull("usage");
                }
            },
            cancellationToken);

    private void WriteHeader(Utf8JsonWriter writer)
    {
        writer.WriteString("id", _id);
        writer.WriteString("object", "chat.completion.chunk");
        writer.WriteNumber("created", _created);
        writer.WriteString("model", model);
    }

    private static void ToolCall(Utf8JsonWriter writer, int index, string? id, string? name, string arguments)
    {
        writer.WriteStartArray("tool_calls");
        writer.WriteStartObject();
        writer.WriteNumber("index", index);
        if (id is not null)
        {
            writer.WriteString("id", id);
            writer.WriteString("type", "function");
        }

        writer.WriteStartObject("function");
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        writer.WriteString("arguments", arguments);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private async Task WriteEventAsync(Action<Utf8JsonWriter> writeChunk, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeChunk(writer);
            writer.WriteEndObject();
        }

        buffer.Write(EventEnd);
        await body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
