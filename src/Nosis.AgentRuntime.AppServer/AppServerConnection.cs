using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The one WebSocket a host process keeps to the App Server, shared by every runtime: commands correlated by <c>request_id</c>, runtime frames routed to the turn that listens.</summary>
/// <remarks>Connects on first use and again, with backoff, after the socket dropped; a drop fails the commands and turns in flight with a clear error.</remarks>
internal sealed class AppServerConnection : IAsyncDisposable
{
    private readonly AppServerOptions _options;
    private readonly Uri _url;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PendingRequests _pending = new();
    private readonly ConcurrentDictionary<RuntimeScope, RuntimeListener> _listeners = new();
    private readonly ReconnectBackoff _backoff;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private AppServerWebSocket? _socket;
    private long _generation;
    private bool _disposed;

    public AppServerConnection(AppServerOptions options, ILogger logger, TimeProvider time)
    {
        _options = options;
        _url = AppServerUrls.WebSocket(options.Url ?? throw new InvalidOperationException("Letta:AppServer:Url is required: the App Server's address, e.g. ws://127.0.0.1:4500."));
        _logger = logger;
        _time = time;
        _backoff = new ReconnectBackoff(options.ReconnectDelay, options.MaxReconnectDelay, time);
    }

    /// <summary>Sends a command and waits for its answer (<c>&lt;type&gt;_response</c> or <c>input_accepted</c>).</summary>
    /// <exception cref="AppServerCommandException">The server answered <c>success: false</c>.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="AppServerOptions.RequestTimeout"/>.</exception>
    /// <exception cref="IOException">The connection dropped before the answer came.</exception>
    public async Task<JsonElement> RequestAsync(string type, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        var (id, answer) = _pending.Add();
        try
        {
            await SendAsync(type, id, fields, cancellationToken).ConfigureAwait(false);
            var frame = await answer.WaitAsync(_options.RequestTimeout, _time, cancellationToken).ConfigureAwait(false);
            return AppServerCommandException.ThrowIfFailed(type, frame);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The Letta App Server did not answer '{type}' within {_options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        finally
        {
            _pending.Remove(id);
        }
    }

    /// <summary>Sends a command that gets no answer, or whose answer nobody waits for.</summary>
    public Task PostAsync(string type, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken) => SendAsync(type, null, fields, cancellationToken);

    /// <summary>Starts listening to a runtime's frames on the current connection; dispose the listener when the turn ends.</summary>
    public async Task<RuntimeListener> ListenAsync(RuntimeScope scope, CancellationToken cancellationToken)
    {
        var socket = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
        var listener = new RuntimeListener(scope, socket.Generation, l => _listeners.TryRemove(new(l.Scope, l)));
        if (!_listeners.TryAdd(scope, listener))
        {
            throw new InvalidOperationException($"A turn already runs in App Server conversation {scope.ConversationId} of agent {scope.AgentId} in this process.");
        }

        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_socket is { } socket)
            {
                _socket = null;
                await socket.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task SendAsync(string type, string? requestId, Action<Utf8JsonWriter>? fields, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (requestId is not null)
            {
                writer.WriteString("request_id", requestId);
            }

            fields?.Invoke(writer);
            writer.WriteEndObject();
        }

        var socket = await ConnectedAsync(cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AppServerWebSocket> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_socket is { IsOpen: true } open)
        {
            return open;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_socket is { IsOpen: true } current)
            {
                return current;
            }

            await _backoff.WaitAsync(cancellationToken).ConfigureAwait(false);
            var token = await AppServerToken.ReadAsync(_options.TokenFile, cancellationToken).ConfigureAwait(false);
            AppServerWebSocket socket;
            try
            {
                socket = await AppServerWebSocket.ConnectAsync(_url, token, Interlocked.Increment(ref _generation), _options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                _backoff.Failed();
                _logger.ConnectFailed(exception.Message);
                throw;
            }

            _backoff.Succeeded();
            _socket = socket;
            _logger.Connected(AppServerErrors.Address(_url), socket.Generation);
            _ = ReadAsync(socket);
            return socket;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task ReadAsync(AppServerWebSocket socket)
    {
        var reason = await socket.ReadAllAsync(OnFrame, _logger).ConfigureAwait(false) ?? new IOException("The Letta App Server connection was closed.");
        if (!_disposed)
        {
            _logger.Disconnected(socket.Generation, reason.Message);
        }

        _pending.FailAll(reason);
        foreach (var listener in _listeners.Values)
        {
            if (listener.Generation == socket.Generation)
            {
                listener.Fail(new IOException("The Letta App Server connection dropped in the middle of the turn.", reason));
            }
        }

        await socket.DisposeAsync().ConfigureAwait(false);
    }

    private void OnFrame(JsonElement frame)
    {
        if (AppServerFrames.ResponseId(frame) is { } requestId && _pending.TryComplete(requestId, frame))
        {
            return;
        }

        if (AppServerFrames.Scope(frame) is { } scope && _listeners.TryGetValue(scope, out var listener))
        {
            listener.Post(frame);
            return;
        }

        _logger.FrameUnrouted(AppServerFrames.Type(frame) ?? "(none)");
    }
}
