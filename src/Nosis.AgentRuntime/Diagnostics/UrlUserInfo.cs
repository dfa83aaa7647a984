namespace Nosis.AgentRuntime.Diagnostics;

/// <summary>The credentials a URL may carry in its user info (<c>user:password@</c>), and the URL without them.</summary>
internal static class UrlUserInfo
{
    /// <summary>Returns <paramref name="url"/> with its user info replaced by <c>[redacted]</c>; unchanged when it has none.</summary>
    public static string Redact(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length == 0)
        {
            return url.ToString();
        }

        var rest = url.GetComponents(UriComponents.HostAndPort | UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
        return $"{url.Scheme}://{SecretRedactor.Marker}@{rest}";
    }

    /// <summary>Gets the texts of the user info that must never be shown: the whole of it, and the password alone, escaped and unescaped.</summary>
    /// <remarks>The user name alone is not hidden: it is not a credential, and a short one would cut words out of every message.</remarks>
    public static IEnumerable<string> SecretsOf(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || url.UserInfo.Length == 0)
        {
            yield break;
        }

        var userInfo = url.UserInfo;
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        var password = colon < 0 ? string.Empty : userInfo[(colon + 1)..];
        foreach (var text in new[] { userInfo, password })
        {
            if (text.Length == 0)
            {
                continue;
            }

            yield return text;
            var unescaped = Uri.UnescapeDataString(text);
            if (!string.Equals(unescaped, text, StringComparison.Ordinal))
            {
                yield return unescaped;
            }
        }
    }
}
