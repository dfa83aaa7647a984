namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Removes the user info (<c>user:password@</c>) of a URL before it is logged.</summary>
internal static class UrlRedaction
{
    public static string Redact(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            // Not a URL we can take apart: keep nothing that might be a credential.
            var at = url.LastIndexOf('@');
            return at < 0 ? url : "[redacted]@" + url[(at + 1)..];
        }

        if (string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri.ToString();
        }

        return new UriBuilder(uri) { UserName = "[redacted]", Password = string.Empty }.Uri.ToString();
    }
}
