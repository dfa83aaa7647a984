using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>
/// A raw Protocol V2 client for the tests: one <see cref="ClientWebSocket"/> (no Origin header), JSON frames sent and received,
/// commands correlated by <c>request_id</c>, and every frame kept in order (<see cref="Frames"/>) for assertions and transcripts.
/// </summary>
public sealed class AppServerSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<RecordedFrame> _frames = [];
    private readonly CancellationTokenSource _closing = new();
    private TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;
    private int _nextRequest;

    private AppServerSocket(ClientWebSocket socket)
    {
        _socket = socket;
    }

    /// <summary>Every frame sent and received so far, in order.</summary>
    public IReadOnlyList<RecordedFrame> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public static async Task<AppServerSocket> ConnectAsync(Uri url, string? token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        await socket.ConnectAsync(url, cancellationToken);
        var client = new AppServerSocket(socket);
        client._reader = Task.Run(client.ReadAsync);
        return client;
    }

    public async Task SendAsync(JsonObject frame, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(frame.ToJsonString());
        Record(new RecordedFrame(FrameDirection.Sent, (JsonObject)frame.DeepClone()));
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Sends <paramref name="command"/> with a fresh <c>request_id</c> and returns the frame of <paramref name="responseType"/> that answers it.</summary>
    public async Task<JsonObject> RequestAsync(JsonObject command, string responseType, CancellationToken cancellationToken)
    {
        var requestId = "req-" + Interlocked.Increment(ref _nextRequest);
        command["request_id"] = requestId;
        var from = Frames.Count;
        await SendAsync(command, cancellationToken);
        return await WaitForAsync(f => Type(f) == responseType && (string?)f["request_id"] == requestId, from, cancellationToken);
    }

    /// <summary>Returns the first received frame at or after index <paramref name="from"/> of <see cref="Frames"/> that matches, waiting for it.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match, int from, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task received;
            lock (_frames)
            {
                for (var i = from; i < _frames.Count; i++)
                {
                    if (_frames[i].Direction == FrameDirection.Received && match(_frames[i].Frame))
                    {
                        return _frames[i].Frame;
                    }
                }

                if (_reader.IsCompleted)
                {
                    throw new InvalidOperationException("The App Server closed the socket before the frame came.");
                }

                received = _received.Task;
            }

            await received.WaitAsync(cancellationToken);
        }
    }

    public static string? Type(JsonObject frame) => (string?)frame["type"];

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", limit.Token);
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The server went first.
            }
        }

        await _reader.ContinueWith(static _ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var frame = JsonNode.Parse(message.ToArray())!.AsObject();
                    message.SetLength(0);
                    Record(new RecordedFrame(FrameDirection.Received, frame));
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Closed.
        }
        finally
        {
            lock (_frames)
            {
                _received.TrySetResult();
            }
        }
    }

    private void Record(RecordedFrame frame)
    {
        TaskCompletionSource received;
        lock (_frames)
        {
            _frames.Add(frame);
            received = _received;
            _received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        received.TrySetResult();
    }
}
