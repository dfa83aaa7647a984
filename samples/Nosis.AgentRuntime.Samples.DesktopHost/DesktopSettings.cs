namespace Nosis.AgentRuntime.Samples.DesktopHost;

/// <summary>What the desktop host was asked to do: from its arguments, then from the variables Letta's own SDKs read.</summary>
internal sealed record DesktopSettings(Uri? LettaUrl, string? ApiKey, string? Workspace, string? FilesystemServer)
{
    public static DesktopSettings From(string[] args, Func<string, string?> environment)
    {
        string? url = environment("LETTA_BASE_URL");
        var key = environment("LETTA_API_KEY");
        string? workspace = null;
        string? server = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--letta-url" when value is not null:
                    url = value;
                    i++;
                    break;
                case "--letta-api-key" when value is not null:
                    key = value;
                    i++;
                    break;
                case "--workspace" when value is not null:
                    workspace = Path.GetFullPath(value);
                    i++;
                    break;
                case "--filesystem-server" when value is not null:
                    server = Path.GetFullPath(value);
                    i++;
                    break;
                default:
                    throw new ArgumentException(
                        "Usage: DesktopHost [--workspace DIR] [--filesystem-server PATH/dist/index.js] [--letta-url URL] [--letta-api-key KEY]");
            }
        }

        Uri? lettaUrl = null;
        if (!string.IsNullOrWhiteSpace(url) && !Uri.TryCreate(url, UriKind.Absolute, out lettaUrl))
        {
            throw new ArgumentException($"The Letta URL is not an absolute URL (given: {url.Length} characters).");
        }

        if (server is not null && !File.Exists(server))
        {
            throw new ArgumentException($"--filesystem-server: no file at {server}.");
        }

        return new DesktopSettings(lettaUrl, string.IsNullOrWhiteSpace(key) ? null : key, workspace, server);
    }
}
