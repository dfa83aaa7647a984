namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Resolves the Letta server: <c>Letta:BaseUrl</c>/<c>Letta:ApiKey</c>, else <c>LETTA_BASE_URL</c>/<c>LETTA_API_KEY</c> (the names Letta's own SDKs read).</summary>
internal static class LettaSettings
{
    /// <summary>Gets whether <c>Letta:Backend</c> names the App Server (<c>letta server</c>), reached at <c>Letta:AppServer:Url</c>.</summary>
    public static bool IsAppServer(IConfiguration configuration) =>
        string.Equals(configuration["Letta:Backend"], "AppServer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Copies <c>LETTA_BASE_URL</c> and <c>LETTA_API_KEY</c> into <c>Letta:BaseUrl</c> and <c>Letta:ApiKey</c> where those are not set.</summary>
    /// <returns>The base URL, or <see langword="null"/> when none is configured (the emulator is then used).</returns>
    public static string? Apply(ConfigurationManager configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Letta:BaseUrl"]) && configuration["LETTA_BASE_URL"] is { Length: > 0 } url)
        {
            configuration["Letta:BaseUrl"] = url;
        }

        if (string.IsNullOrWhiteSpace(configuration["Letta:ApiKey"]) && configuration["LETTA_API_KEY"] is { Length: > 0 } key)
        {
            configuration["Letta:ApiKey"] = key;
        }

        var baseUrl = configuration["Letta:BaseUrl"];
        return string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl;
    }
}
