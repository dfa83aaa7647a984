using System.Web;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>The secret values in one server's settings (header and environment values, URL credentials and query), replaced by <c>[redacted]</c> in any text.</summary>
internal sealed class McpSecrets
{
    private const string Marker = "[redacted]";
    private const int ShortestSecret = 4;

    private readonly string[] _secrets;

    private McpSecrets(IEnumerable<string> secrets)
    {
        // Longest first, so a secret that contains another is replaced whole.
        _secrets = [.. secrets.Where(s => s.Length >= ShortestSecret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    public static McpSecrets Of(McpServerSettings settings)
    {
        var secrets = new List<string>();
        secrets.AddRange(settings.Headers.Values);
        secrets.AddRange(settings.Environment.Values);
        if (settings.Url is { } url)
        {
            if (url.UserInfo.Length > 0)
            {
                secrets.Add(url.UserInfo);
                secrets.AddRange(url.UserInfo.Split(':'));
            }

            if (url.Query.Length > 1)
            {
                secrets.Add(url.Query[1..]);
                var query = HttpUtility.ParseQueryString(url.Query);
                secrets.AddRange(query.AllKeys.Select(k => query[k]).OfType<string>());
            }

            secrets.Add(url.OriginalString);
            secrets.Add(url.AbsoluteUri);
        }

        // Command arguments can carry tokens too (e.g. --api-key=...); paths are kept, since they help and hold no secret by themselves.
        secrets.AddRange(settings.Arguments.Where(LooksLikeSecret));
        return new McpSecrets(secrets);
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Marker, StringComparison.Ordinal);
        }

        return text;
    }

    private static bool LooksLikeSecret(string argument) =>
        argument.Contains("key", StringComparison.OrdinalIgnoreCase)
        || argument.Contains("token", StringComparison.OrdinalIgnoreCase)
        || argument.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || argument.Contains("password", StringComparison.OrdinalIgnoreCase);
}
