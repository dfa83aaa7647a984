using Microsoft.Extensions.Options;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Checks the App Server options at start-up, naming each setting; the token file's content is never read or shown here.</summary>
internal sealed class AppServerOptionsValidator : IValidateOptions<AppServerOptions>
{
    private const string Section = "Letta:AppServer";

    public ValidateOptionsResult Validate(string? name, AppServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Url is null)
        {
            failures.Add($"{Section}:Url is required: the App Server's address, e.g. ws://127.0.0.1:4500.");
        }
        else
        {
            try
            {
                AppServerUrls.WebSocket(options.Url);
            }
            catch (InvalidOperationException exception)
            {
                failures.Add(exception.Message);
            }
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{Section}:Model is required: the model handle of new agents, e.g. openai-compatible/my-model.");
        }

        if (!Enum.IsDefined(options.PermissionMode))
        {
            failures.Add($"{Section}:PermissionMode must be Standard, AcceptEdits, Strict or Unrestricted.");
        }

        Positive(options.RequestTimeout, "RequestTimeout", failures);
        Positive(options.ConnectTimeout, "ConnectTimeout", failures);
        Positive(options.TurnIdleTimeout, "TurnIdleTimeout", failures);
        Positive(options.ReconnectDelay, "ReconnectDelay", failures);
        Positive(options.MaxReconnectDelay, "MaxReconnectDelay", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(TimeSpan value, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{setting} must be positive (it is {value}).");
        }
    }
}
