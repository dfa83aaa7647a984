namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server's addresses, from the one the host configures.</summary>
internal static class AppServerUrls
{
    /// <summary>Gets the WebSocket endpoint: <c>ws</c>/<c>wss</c> (an <c>http</c>/<c>https</c> address is turned into one), path <c>/ws</c> when none is given.</summary>
    /// <exception cref="InvalidOperationException">The address is not absolute or has another scheme.</exception>
    public static Uri WebSocket(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            throw new InvalidOperationException("Letta:AppServer:Url must be an absolute address, e.g. ws://127.0.0.1:4500.");
        }

        var scheme = url.Scheme switch
        {
            "ws" or "http" => "ws",
            "wss" or "https" => "wss",
            _ => throw new InvalidOperationException("Letta:AppServer:Url must use ws, wss, http or https, e.g. ws://127.0.0.1:4500."),
        };
        var builder = new UriBuilder(url) { Scheme = scheme, Port = url.IsDefaultPort ? -1 : url.Port };
        if (builder.Path is "" or "/")
        {
            builder.Path = "/ws";
        }

        return builder.Uri;
    }
}
