using System.Net.WebSockets;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Words for App Server failures that never carry a secret: addresses without user info or query, causes without headers.</summary>
internal static class AppServerErrors
{
    /// <summary>Gets the address as it may be shown: scheme, host, port and path, nothing else.</summary>
    public static string Address(Uri url) => url.IsAbsoluteUri ? $"{url.Scheme}://{url.Host}:{url.Port}{url.AbsolutePath.TrimEnd('/')}" : "(a relative address)";

    /// <summary>Describes why a connection failed, from the exception's type and its innermost cause's kind.</summary>
    public static string Describe(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return exception switch
        {
            WebSocketException { WebSocketErrorCode: WebSocketError.NotAWebSocket } => "the address does not answer as a WebSocket server (a refused token or an Origin header gets 401/403)",
            _ when inner is System.Net.Sockets.SocketException socket => $"{socket.SocketErrorCode}",
            _ => inner.GetType().Name,
        };
    }
}
