using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>The four stages of the streaming benchmark over one recorded stream; shared by BenchmarkDotNet and the allocation profile.</summary>
public sealed class StreamingPipeline : IAsyncDisposable
{
    public const string AgentId = "agent-00000000-0000-4000-8000-000000000001";
    public const string Model = "openai/gpt-4.1";
    public const string FloorMessageId = "msg_floor";

    private readonly byte[] _bytes;
    private readonly byte[] _copyBuffer = new byte[16 * 1024];
    private readonly MemoryStream _sink;
    private readonly LettaClient _letta;
    private readonly InMemoryAgentRuntimeAdapter _adapter = new();
    private readonly AgentChatService _chat;
    private readonly AgentChatRequest _request;
    private readonly LettaMessageRequest _lettaRequest = new([LettaInputMessage.User("Tell me a long story.")]);

    public StreamingPipeline(RecordedLettaStream recording)
    {
        Recording = recording;
        _bytes = recording.Bytes;
        _sink = new MemoryStream(_bytes.Length);
        var lettaOptions = new LettaOptions { BaseUrl = new Uri("http://letta.invalid") };
        _letta = new LettaClient(new HttpClient(new RecordedStreamHandler(_bytes)), lettaOptions);
        _chat = new AgentChatService(
            new FixedAgentResolver(AgentId), _letta, _adapter.Messages, _adapter.Tools, _adapter.Scheduler, _adapter.Errors,
            Options.Create(new AgentRuntimeOptions { AgentModel = Model }), Options.Create(lettaOptions));
        var conversation = new ConversationRuntime("conv-bench", "user-bench", "office-bench", agentId: AgentId);
        _request = new AgentChatRequest(conversation, "Tell me a long story.");
    }

    public RecordedLettaStream Recording { get; }

    /// <summary>(a) The physical floor of a proxy: copy the bytes through a 16 KiB buffer, as a socket read loop would, into a memory sink.</summary>
    public async Task<long> RawCopyAsync()
    {
        using var source = new MemoryStream(_bytes, writable: false);
        _sink.SetLength(0);
        int read;
        while ((read = await source.ReadAsync(_copyBuffer).ConfigureAwait(false)) > 0)
        {
            await _sink.WriteAsync(_copyBuffer.AsMemory(0, read)).ConfigureAwait(false);
        }

        return _sink.Length;
    }

    /// <summary>(b) SSE framing only: <see cref="SseParser"/> over the bytes, counting events, no per-event allocation.</summary>
    public async Task<int> SseParseAsync()
    {
        using var source = new MemoryStream(_bytes, writable: false);
        var events = 0;
        await foreach (var item in SseParser.Create(source, static (_, data) => data.Length).EnumerateAsync().ConfigureAwait(false))
        {
            events += item.Data > 0 ? 1 : 0;
        }

        return events;
    }

    /// <summary>(b+) The floor of any client that reads the JSON: SSE framing plus a <see cref="Utf8JsonReader"/> walk of every frame, no allocation.</summary>
    public async Task<int> SseJsonWalkAsync()
    {
        using var source = new MemoryStream(_bytes, writable: false);
        var tokens = 0;
        await foreach (var item in SseParser.Create(source, static (_, data) => CountTokens(data)).EnumerateAsync().ConfigureAwait(false))
        {
            tokens += item.Data;
        }

        return tokens;
    }

    /// <summary>(c) The client's real parsing: <see cref="LettaClient.StreamMessageAsync"/> over the bytes, yielding typed items.</summary>
    public async Task<int> TypedItemsAsync()
    {
        var deltas = 0;
        await foreach (var item in _letta.StreamMessageAsync(AgentId, _lettaRequest).ConfigureAwait(false))
        {
            if (item is LettaAssistantMessage)
            {
                deltas++;
            }
        }

        return deltas;
    }

    /// <summary>(d) The whole turn: <see cref="AgentChatService"/> with in-memory adapters, encoded as the UI message stream to a null sink.</summary>
    public async Task<long> FullPipelineAsync()
    {
        var sink = new CountingStream();
        await UiMessageStream.WriteAsync(_chat.StreamAsync(_request), sink).ConfigureAwait(false);
        return sink.Written;
    }

    /// <summary>(d) into <paramref name="sink"/>, to compare its bytes with (f).</summary>
    public Task FullPipelineAsync(Stream sink) => UiMessageStream.WriteAsync(_chat.StreamAsync(_request), sink);

    /// <summary>(f) The floor: <see cref="StreamingFloor"/> over the same bytes, producing the same UI bytes as (d).</summary>
    public async Task<long> FloorAsync()
    {
        var sink = new CountingStream();
        await StreamingFloor.RunAsync(_bytes, FloorMessageId, Model, sink).ConfigureAwait(false);
        return sink.Written;
    }

    /// <summary>(f) into <paramref name="sink"/>.</summary>
    public Task FloorAsync(Stream sink) => StreamingFloor.RunAsync(_bytes, FloorMessageId, Model, sink);

    private static int CountTokens(ReadOnlySpan<byte> data)
    {
        if (data.SequenceEqual("[DONE]"u8))
        {
            return 0;
        }

        var reader = new Utf8JsonReader(data);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    public async ValueTask DisposeAsync()
    {
        await _adapter.DisposeAsync().ConfigureAwait(false);
    }
}
