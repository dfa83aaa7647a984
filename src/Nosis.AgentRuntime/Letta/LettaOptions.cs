namespace Nosis.AgentRuntime.Letta;

/// <summary>How the runtime reaches a Letta server.</summary>
/// <remarks>
/// The API key and any credentials in the user info of <see cref="BaseUrl"/> are secrets: <see cref="ToString"/> never shows
/// them, and no log line, exception or report of the runtime contains them.
/// </remarks>
public sealed class LettaOptions
{
    /// <summary>Gets or sets which face of Letta the runtime talks to (<c>Letta:Backend</c>).</summary>
    /// <value>The default is <see cref="LettaBackend.Cloud"/>, the V1 REST API at <see cref="BaseUrl"/>.</value>
    public LettaBackend Backend { get; set; } = LettaBackend.Cloud;

    /// <summary>Gets or sets the server's base address, without <c>/v1</c> (e.g. <c>http://localhost:8283</c> or <c>https://api.letta.com</c>).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Gets or sets the API key sent as a bearer token; <see langword="null"/> for a server without authentication.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets how long a non-streaming request may take, and how long a stream may take to send its response headers.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long a reply stream may stay silent (no event, not even a ping) before it is abandoned.</summary>
    /// <value>The default is 90 seconds; Letta pings every 20 seconds.</value>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets how many times a transient failure (429, 5xx, timeout) is retried.</summary>
    /// <value>The default is 2, as in Letta's own clients.</value>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the first retry delay; later delays double, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>The default is 500 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the longest delay between retries, including one a server asks for with <c>Retry-After</c>.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets which route streaming sends take.</summary>
    /// <value>The default is <see cref="LettaStreamRoute.Conversations"/>, as Letta's current client sends; <see cref="LettaStreamRoute.MessagesStream"/> is the deprecated agent route, kept for older servers.</value>
    public LettaStreamRoute StreamRoute { get; set; } = LettaStreamRoute.Conversations;

    /// <summary>Gets or sets how many times a request Letta Cloud refused during a deploy (503 <c>cloud_api_shutting_down</c>, <c>admitted: false</c>) is sent again.</summary>
    /// <value>The default is 3, as in Letta's current client. Only a request the server says it did not admit is ever sent again.</value>
    public int MaxDeployRetries { get; set; } = 3;

    /// <summary>Gets or sets the Letta Cloud project id sent as <c>X-Project-Id</c>, if any.</summary>
    public string? ProjectId { get; set; }

    /// <summary>Returns a description of the options with the API key redacted.</summary>
    /// <returns>The base URL, its user info redacted, and whether a key is set.</returns>
    public override string ToString() =>
        $"LettaOptions {{ BaseUrl = {(BaseUrl is null ? "(none)" : Diagnostics.UrlUserInfo.Redact(BaseUrl))}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(none)" : "(redacted)")} }}";
}
