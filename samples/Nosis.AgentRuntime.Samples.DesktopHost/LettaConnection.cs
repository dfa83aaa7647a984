using Microsoft.Extensions.Configuration;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Samples.DesktopHost;

/// <summary>Which Letta the desktop talks to: the App Server (<c>Letta:Backend</c> = <c>AppServer</c>), a V1 server, or the emulator.</summary>
/// <param name="Url">The V1 server's address (the emulator's once it runs); unused for the App Server.</param>
/// <param name="ApiKey">The V1 server's API key, if any.</param>
/// <param name="Configuration">The environment's configuration, which carries the <c>Letta:AppServer:*</c> keys.</param>
internal sealed record LettaConnection(Uri? Url, string? ApiKey, IConfiguration Configuration)
{
    public bool IsAppServer => string.Equals(Configuration["Letta:Backend"], nameof(LettaBackend.AppServer), StringComparison.OrdinalIgnoreCase);

    public bool NeedsEmulator => Url is null && !IsAppServer;

    public static LettaConnection From(DesktopSettings settings, IConfiguration configuration) => new(settings.LettaUrl, settings.ApiKey, configuration);
}
