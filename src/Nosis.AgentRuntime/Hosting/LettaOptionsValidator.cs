using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Checks <see cref="LettaOptions"/> at start-up; messages name the setting and never echo a value that could hold a secret.</summary>
internal sealed class LettaOptionsValidator : IValidateOptions<LettaOptions>
{
    private const string Section = AgentRuntimeConfigurationSections.Letta;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, LettaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        if (options.Backend == LettaBackend.Cloud)
        {
            ValidateBaseUrl(options.BaseUrl, failures);
        }
        else if (!Enum.IsDefined(options.Backend))
        {
            failures.Add($"{Section}:{nameof(LettaOptions.Backend)} must be {nameof(LettaBackend.Cloud)} or {nameof(LettaBackend.AppServer)}.");
        }
        OptionsRules.RequirePositive(options.RequestTimeout, $"{Section}:{nameof(LettaOptions.RequestTimeout)}", failures);
        OptionsRules.RequirePositive(options.StreamIdleTimeout, $"{Section}:{nameof(LettaOptions.StreamIdleTimeout)}", failures);

        if (options.MaxRetries < 0)
        {
            failures.Add($"{Section}:{nameof(LettaOptions.MaxRetries)} must be zero or more (it is {options.MaxRetries}).");
        }

        if (options.MaxDeployRetries < 0)
        {
            failures.Add($"{Section}:{nameof(LettaOptions.MaxDeployRetries)} must be zero or more (it is {options.MaxDeployRetries}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{Section}:{nameof(LettaOptions.RetryBaseDelay)} must not be negative (it is {options.RetryBaseDelay}).");
        }

        OptionsRules.RequirePositive(options.MaxRetryDelay, $"{Section}:{nameof(LettaOptions.MaxRetryDelay)}", failures);

        if (options.RetryBaseDelay > options.MaxRetryDelay && options.MaxRetryDelay > TimeSpan.Zero)
        {
            failures.Add(
                $"{Section}:{nameof(LettaOptions.RetryBaseDelay)} ({options.RetryBaseDelay}) must not be longer than " +
                $"{Section}:{nameof(LettaOptions.MaxRetryDelay)} ({options.MaxRetryDelay}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The URL itself is never echoed: it may carry user info.
    private static void ValidateBaseUrl(Uri? baseUrl, List<string> failures)
    {
        const string Setting = $"{Section}:{nameof(LettaOptions.BaseUrl)}";
        if (baseUrl is null)
        {
            failures.Add($"{Setting} is required: the address of the Letta server, e.g. http://localhost:8283.");
            return;
        }

        if (!baseUrl.IsAbsoluteUri)
        {
            failures.Add($"{Setting} must be an absolute URL, e.g. http://localhost:8283.");
            return;
        }

        if (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add($"{Setting} must use http or https, e.g. http://localhost:8283.");
            return;
        }

        var segments = baseUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(segment => segment.Equals("v1", StringComparison.OrdinalIgnoreCase)))
        {
            failures.Add($"{Setting} must not contain /v1: give the server's root address (e.g. http://localhost:8283); the runtime adds /v1 itself.");
        }
    }
}
