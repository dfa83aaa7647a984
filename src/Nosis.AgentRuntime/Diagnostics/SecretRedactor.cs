using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Diagnostics;

/// <summary>Replaces the configured secrets (the Letta API key, and credentials in the user info of <c>Letta:BaseUrl</c>) in any text with <c>[redacted]</c> before it reaches a log line, an exception or an error report.</summary>
/// <remarks>The one redaction mechanism of the runtime: the claim, the streaming layers, the hosting services and the Letta client all take it.</remarks>
internal sealed class SecretRedactor
{
    /// <summary>The text that stands in for a secret.</summary>
    public const string Marker = "[redacted]";

    private const string Unavailable = "[redacted: the Letta options are invalid, so the message cannot be checked for secrets]";

    private readonly Func<IReadOnlyList<string>> _secrets;

    /// <summary>Initializes a redactor that reads the current API key from <paramref name="lettaOptions"/>.</summary>
    public SecretRedactor(IOptionsMonitor<LettaOptions> lettaOptions)
    {
        ArgumentNullException.ThrowIfNull(lettaOptions);
        _secrets = () => SecretsOf(lettaOptions.CurrentValue);
    }

    private SecretRedactor(IReadOnlyList<string> secrets)
    {
        _secrets = () => secrets;
    }

    /// <summary>Gets a redactor with no secret to hide.</summary>
    public static SecretRedactor None { get; } = new(Array.Empty<string>());

    /// <summary>Creates a redactor for one fixed secret, for objects built by hand rather than through DI.</summary>
    public static SecretRedactor ForSecret(string? secret) => string.IsNullOrEmpty(secret) ? None : new SecretRedactor([secret]);

    /// <summary>Creates a redactor for the secrets of fixed options: the API key and the base URL's user info.</summary>
    public static SecretRedactor ForOptions(LettaOptions? options) => options is null ? None : new SecretRedactor(SecretsOf(options));

    /// <summary>Returns <paramref name="text"/> with every configured secret replaced; <see langword="null"/> becomes empty.</summary>
    /// <remarks>When the options cannot be read (they fail validation), the whole text is withheld rather than risk a leak.</remarks>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        IReadOnlyList<string> secrets;
        try
        {
            secrets = _secrets();
        }
        catch (OptionsValidationException)
        {
            return Unavailable;
        }

        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Marker, StringComparison.Ordinal);
        }

        return text;
    }

    // Longest first, so that the whole user info goes before its parts.
    private static string[] SecretsOf(LettaOptions options) =>
        [.. new[] { options.ApiKey }.Concat(UrlUserInfo.SecretsOf(options.BaseUrl)).OfType<string>().Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    /// <summary>Like <see cref="Redact"/>, but keeps <see langword="null"/> as <see langword="null"/>.</summary>
    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);
}
