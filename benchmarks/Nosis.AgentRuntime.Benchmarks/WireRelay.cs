using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// A TCP relay in front of the App Server that notes, on the wire, when a turn's frames pass: the first and the last write from a
/// client (its last one before the reply is the <c>input</c>) and the first server frame holding an <c>assistant_message</c>. It runs
/// in the scripted model's process, so its work is not the benchmark's, and its <see cref="Stopwatch"/> timestamps (the monotonic
/// clock) compare with the benchmark's. With them a turn splits into the client's part (start to <c>input</c> on the wire, first text
/// delta on the wire to the client's hands) and the server's part (between them).
/// </summary>
public sealed class WireRelay : IDisposable
{
    /// <summary>Client writes shorter than this are WebSocket control frames (a masked empty ping is 6 bytes), not commands.</summary>
    private const int SmallestCommand = 32;

    private static readonly byte[] AssistantMarker = "\"message_type\":\"assistant_message\""u8.ToArray();

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly Lock _gate = new();
    private long _firstClientWrite;
    private long _lastClientWrite;
    private long _firstAssistant;

    public WireRelay(int target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Returns the marks since the last call (0 where none) and starts over.</summary>
    public (long FirstClientWrite, long LastClientWrite, long FirstAssistant) TakeMarks()
    {
        lock (_gate)
        {
            var marks = (_firstClientWrite, _lastClientWrite, _firstAssistant);
            (_firstClientWrite, _lastClientWrite, _firstAssistant) = (0, 0, 0);
            return marks;
        }
    }

    public void Dispose() => _listener.Stop();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                var server = new TcpClient { NoDelay = true };
                client.NoDelay = true;
                await server.ConnectAsync(IPAddress.Loopback, _target).ConfigureAwait(false);
                _ = PumpAsync(client, server, fromClient: true);
                _ = PumpAsync(server, client, fromClient: false);
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                Mark(buffer.AsSpan(0, read), fromClient, Stopwatch.GetTimestamp());
                await sink.WriteAsync(buffer.AsMemory(0, read)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
        {
            // One side closed.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private void Mark(ReadOnlySpan<byte> bytes, bool fromClient, long now)
    {
        lock (_gate)
        {
            if (fromClient && bytes.Length >= SmallestCommand && _firstAssistant == 0)
            {
                _firstClientWrite = _firstClientWrite == 0 ? now : _firstClientWrite;
                _lastClientWrite = now;
            }
            else if (!fromClient && _firstAssistant == 0 && _lastClientWrite != 0 && bytes.IndexOf(AssistantMarker) >= 0)
            {
                _firstAssistant = now;
            }
        }
    }
}
