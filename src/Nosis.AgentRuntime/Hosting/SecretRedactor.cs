using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Replaces the configured secrets (the Letta API key) in any text with <c>[redacted]</c> before it reaches a log line or an error report.</summary>
internal sealed class SecretRedactor
{
    private const string Unavailable = "[redacted: the Letta options are invalid, so the message cannot be checked for secrets]";

    private readonly IOptionsMonitor<LettaOptions> _lettaOptions;

    /// <summary>Initializes a redactor that reads the current API key from <paramref name="lettaOptions"/>.</summary>
    public SecretRedactor(IOptionsMonitor<LettaOptions> lettaOptions)
    {
        _lettaOptions = lettaOptions;
    }

    /// <summary>Returns <paramref name="text"/> with every configured secret replaced.</summary>
    /// <remarks>When the options cannot be read (they fail validation), the whole text is withheld rather than risk a leak.</remarks>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        string? apiKey;
        try
        {
            apiKey = _lettaOptions.CurrentValue.ApiKey;
        }
        catch (OptionsValidationException)
        {
            return Unavailable;
        }

        return Redaction.Redact(text, apiKey)!;
    }
}
