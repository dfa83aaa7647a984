using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>One open WebSocket to the App Server: sends one frame at a time and reads frames until the socket closes.</summary>
/// <remarks>Never sends an <c>Origin</c> header (the server refuses any request that has one); the token goes in <c>Authorization</c>.</remarks>
internal sealed class AppServerWebSocket : IAsyncDisposable
{
    private const int ReceiveChunk = 16 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();

    private AppServerWebSocket(ClientWebSocket socket, long generation)
    {
        _socket = socket;
        Generation = generation;
    }

    /// <summary>Gets which connection of the client this is; a reconnection makes a new generation.</summary>
    public long Generation { get; }

    /// <summary>Gets a value indicating whether the socket can still send.</summary>
    public bool IsOpen => _socket.State == WebSocketState.Open && !_closing.IsCancellationRequested;

    /// <summary>Opens a socket to <paramref name="url"/>.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the connection; the message names the address without user info.</exception>
    public static async Task<AppServerWebSocket> ConnectAsync(Uri url, string? token, long generation, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        if (!string.IsNullOrEmpty(token))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(url, deadline.Token).ConfigureAwait(false);
            return new AppServerWebSocket(socket, generation);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            var reason = exception is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : AppServerErrors.Describe(exception);
            throw new HttpRequestException($"Could not connect to the Letta App Server at {AppServerErrors.Address(url)}: {reason}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one text frame; frames of concurrent callers never interleave.</summary>
    /// <exception cref="IOException">The socket closed.</exception>
    public async Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or ObjectDisposedException)
        {
            throw new IOException("The Letta App Server connection closed.", exception);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads frames until the socket closes, handing each parsed frame to <paramref name="onFrame"/>.</summary>
    /// <returns>Why the socket closed: <see langword="null"/> for a close the client asked for.</returns>
    public async Task<Exception?> ReadAllAsync(Action<JsonElement> onFrame, ILogger logger)
    {
        var buffer = new ArrayBufferWriter<byte>(ReceiveChunk);
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(ReceiveChunk), _closing.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return _closing.IsCancellationRequested ? null : new IOException($"The Letta App Server closed the connection ({_socket.CloseStatus}).");
                }

                buffer.Advance(result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                Dispatch(buffer.WrittenSpan, onFrame, logger);
                buffer.ResetWrittenCount();
            }
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            return new IOException("The Letta App Server connection dropped.", exception);
        }
    }

    /// <summary>Closes the socket; <see cref="ReadAllAsync"/> then ends.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        await _closing.CancelAsync().ConfigureAwait(false);
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, grace.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing a socket that already dropped.
        }

        _socket.Dispose();
        _closing.Dispose();
    }

    private static void Dispatch(ReadOnlySpan<byte> frame, Action<JsonElement> onFrame, ILogger logger)
    {
        JsonElement element;
        try
        {
            element = JsonSerializer.Deserialize(frame, AppServerJsonContext.Default.JsonElement);
        }
        catch (JsonException)
        {
            logger.FrameMalformed(frame.Length);
            return;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            onFrame(element);
        }
    }
}
