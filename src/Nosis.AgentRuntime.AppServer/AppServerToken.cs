namespace Nosis.AgentRuntime.AppServer;

/// <summary>Reads the App Server's capability token from the file the host names.</summary>
internal static class AppServerToken
{
    /// <summary>Reads the token, trimmed; <see langword="null"/> when no file is configured.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, unreadable or empty; the message names the setting, never the content.</exception>
    public static async Task<string?> ReadAsync(string? path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Letta:AppServer:TokenFile could not be read ({exception.GetType().Name}).", exception);
        }

        var token = text.Trim();
        return token.Length > 0 ? token : throw new InvalidOperationException("Letta:AppServer:TokenFile is empty.");
    }
}
