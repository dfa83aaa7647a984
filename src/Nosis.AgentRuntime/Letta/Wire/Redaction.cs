namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Removes the API key from text before it reaches an exception, a log line or a report.</summary>
internal static class Redaction
{
    public const string Marker = "[redacted]";

    public static string? Redact(string? text, string? secret) =>
        text is null || string.IsNullOrEmpty(secret) ? text : text.Replace(secret, Marker, StringComparison.Ordinal);
}
