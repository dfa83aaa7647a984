namespace Nosis.AgentRuntime.Samples.ConsoleHost;

/// <summary>What the console host was asked to do: from its arguments first, then from the variables Letta's own SDKs read.</summary>
internal sealed record ConsoleSettings(Uri? LettaUrl, string? ApiKey, string Prompt)
{
    public const string DefaultPrompt = "What time is it, and what can you do for me?";

    public static ConsoleSettings From(string[] args, Func<string, string?> environment)
    {
        string? url = environment("LETTA_BASE_URL");
        var key = environment("LETTA_API_KEY");
        var prompt = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--letta-url" when i + 1 < args.Length:
                    url = args[++i];
                    break;
                case "--letta-api-key" when i + 1 < args.Length:
                    key = args[++i];
                    break;
                default:
                    prompt.Add(args[i]);
                    break;
            }
        }

        Uri? lettaUrl = null;
        if (!string.IsNullOrWhiteSpace(url) && !Uri.TryCreate(url, UriKind.Absolute, out lettaUrl))
        {
            throw new ArgumentException($"The Letta URL is not an absolute URL (given: {url.Length} characters).");
        }

        return new ConsoleSettings(lettaUrl, string.IsNullOrWhiteSpace(key) ? null : key, prompt.Count > 0 ? string.Join(' ', prompt) : DefaultPrompt);
    }
}
