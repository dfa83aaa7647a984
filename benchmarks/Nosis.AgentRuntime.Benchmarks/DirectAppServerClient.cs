using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The baseline of <c>--appserver</c>: the least a .NET client must do for a turn on Letta's App Server. One
/// <see cref="ClientWebSocket"/> (no <c>Origin</c> header), one read loop that parses each frame once with
/// <see cref="JsonDocument"/>, and per turn one <c>input</c> <c>create_message</c>; the turn's first <c>assistant_message</c>
/// delta and its <c>turn_finished</c> are timed where the read loop sees them.
/// </summary>
public sealed class DirectAppServerClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _answers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _reader;
    private DirectTurn? _turn;
    private long _nextRequest;

    private DirectAppServerClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<DirectAppServerClient> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
        return new DirectAppServerClient(socket);
    }

    /// <summary>Creates an agent with the model and tag given; both paths' agents are made here alike, outside the timed turns.</summary>
    public async Task<string> CreateAgentAsync(string model, string tag, CancellationToken cancellationToken)
    {
        var answer = await RequestAsync("agent_create", writer => DirectCommands.WriteAgentCreate(writer, model, tag), cancellationToken).ConfigureAwait(false);
        return answer.GetProperty("agent").GetProperty("id").GetString()!;
    }

    public Task DeleteAgentAsync(string agentId, CancellationToken cancellationToken) =>
        RequestAsync("agent_delete", writer => writer.WriteString("agent_id", agentId), cancellationToken);

    /// <summary>
    /// One turn in the agent's own conversation (<c>default</c>), with the runtime's tool set-up (no server tools); with
    /// <paramref name="startRuntime"/>, a <c>runtime_start</c> round trip first, as the runtime sends before each turn.
    /// </summary>
    public async Task<DirectTurn> RunTurnAsync(string agentId, string text, string clientMessageId, bool startRuntime, CancellationToken cancellationToken)
    {
        var turn = new DirectTurn(agentId, Stopwatch.GetTimestamp());
        Volatile.Write(ref _turn, turn);
        if (startRuntime)
        {
            await RequestAsync("runtime_start", writer => DirectCommands.WriteRuntimeStart(writer, agentId), cancellationToken).ConfigureAwait(false);
        }

        await SendAsync("input", $"direct-input-{Interlocked.Increment(ref _nextRequest)}", writer => DirectCommands.WriteCreateMessage(writer, agentId, text, clientMessageId), cancellationToken)
            .ConfigureAwait(false);
        await turn.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
        return turn;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token).ConfigureAwait(false);
            await _reader.WaitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // The server went first.
        }

        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task<JsonElement> RequestAsync(string type, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        var id = $"direct-{Interlocked.Increment(ref _nextRequest)}";
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _answers[id] = answer;
        await SendAsync(type, id, fields, cancellationToken).ConfigureAwait(false);
        var frame = await answer.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        return frame.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False
            ? throw new InvalidOperationException($"App Server refused {type}: {frame.GetRawText()}")
            : frame;
    }

    private async Task SendAsync(string type, string requestId, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("request_id", requestId);
            fields(writer);
            writer.WriteEndObject();
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    OnFrame(buffer.WrittenMemory);
                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (WebSocketException)
        {
            // The connection dropped; the waiting turn fails below.
        }

        var closed = new IOException("The App Server connection closed.");
        Volatile.Read(ref _turn)?.Fail(closed);
        foreach (var answer in _answers.Values)
        {
            answer.TrySetException(closed);
        }
    }

    private void OnFrame(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var frame = document.RootElement;
        var type = frame.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (frame.TryGetProperty("request_id", out var id) && id.GetString() is { } requestId && _answers.TryRemove(requestId, out var answer))
        {
            answer.TrySetResult(frame.Clone());
            return;
        }

        if (Volatile.Read(ref _turn) is not { } turn || !turn.Owns(frame))
        {
            return;
        }

        if (type == "stream_delta" && frame.TryGetProperty("delta", out var delta)
            && delta.TryGetProperty("message_type", out var kind) && kind.ValueEquals("assistant_message"))
        {
            turn.AddText(Stopwatch.GetTimestamp(), TextOf(delta));
        }
        else if (type == "turn_finished")
        {
            turn.Finish(Stopwatch.GetTimestamp(), frame.TryGetProperty("stop_reason", out var stop) ? stop.GetString() : null);
        }
    }

    private static string TextOf(JsonElement delta)
    {
        if (!delta.TryGetProperty("content", out var content))
        {
            return string.Empty;
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            text.Append(part.TryGetProperty("text", out var value) ? value.GetString() : null);
        }

        return text.ToString();
    }
}
