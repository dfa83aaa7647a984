namespace Nosis.AgentRuntime.AppServer;

/// <summary>How the runtime reaches Letta's App Server (<c>letta server</c>) and what the agents there may do on its machine.</summary>
/// <remarks>Bound from the configuration section <c>Letta:AppServer</c>. The token is a secret: no log line, exception or report shows it.</remarks>
public sealed class AppServerOptions
{
    /// <summary>Gets or sets the App Server's WebSocket address, e.g. <c>ws://127.0.0.1:4500</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>Gets or sets the model handle of the agents the runtime creates, e.g. <c>openai-compatible/my-model</c>.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets a file that holds the server's capability token, sent as a bearer token; none for a server without one.</summary>
    /// <remarks>The file is read when the connection opens, so a rotated token is picked up by the next reconnection.</remarks>
    public string? TokenFile { get; set; }

    /// <summary>Gets or sets the permission mode of every runtime the client starts on the server.</summary>
    /// <value>The default is <see cref="AppServerPermissionMode.Standard"/>: each call of a server tool asks the runtime first.</value>
    public AppServerPermissionMode PermissionMode { get; set; } = AppServerPermissionMode.Standard;

    /// <summary>Gets the App Server's own tools (e.g. <c>Read</c>, <c>Bash</c>) that conversations of the <c>local</c> target may use; <c>sandbox</c> conversations never use any.</summary>
    /// <remarks>Bound from <c>Letta:AppServer:LocalTools</c>. Empty by default: the agent gets no server tool at all.</remarks>
    public IList<string> LocalTools { get; } = [];

    /// <summary>Gets or sets how long a command may wait for its answer before it fails.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long opening the WebSocket may take.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long a turn may stay silent (no frame at all) before it is abandoned.</summary>
    /// <value>The default is 90 seconds.</value>
    public TimeSpan TurnIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets the first delay before reconnecting after the connection dropped; later delays double up to <see cref="MaxReconnectDelay"/>.</summary>
    /// <value>The default is 200 milliseconds.</value>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest delay between reconnection attempts.</summary>
    /// <value>The default is 10 seconds.</value>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Returns a description of the options without the token.</summary>
    /// <returns>The URL and whether a token file is set.</returns>
    public override string ToString() =>
        $"AppServerOptions {{ Url = {Url?.GetLeftPart(UriPartial.Path) ?? "(none)"}, Model = {Model ?? "(none)"}, TokenFile = {(TokenFile is null ? "(none)" : "(set)")}, PermissionMode = {PermissionMode} }}";
}
