using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.AI;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Checks <see cref="McpToolsOptions"/> at start-up; messages name the key at fault and never show a URL, header or environment value.</summary>
internal sealed class McpToolsOptionsValidator : IValidateOptions<McpToolsOptions>
{
    public const int MaxServerNameLength = 32;

    public ValidateOptionsResult Validate(string? name, McpToolsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        CheckRange(failures, "Mcp:StartTimeout", options.StartTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        CheckRange(failures, "Mcp:CallTimeout", options.CallTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30));
        CheckRange(failures, "Mcp:StdioShutdownTimeout", options.StdioShutdownTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        foreach (var (serverName, server) in options.Servers)
        {
            var key = $"Mcp:Servers:{ToolNames.Sanitize(serverName, MaxServerNameLength)}";
            if (!ToolNames.IsValid(serverName) || serverName.Length > MaxServerNameLength)
            {
                failures.Add($"{key}: a server name must be 1 to {MaxServerNameLength} letters, digits, '_' or '-'.");
            }

            if (server is null)
            {
                failures.Add($"{key}: the server has no settings.");
                continue;
            }

            if (server.Scope is not { } scope || !Enum.IsDefined(scope))
            {
                failures.Add($"{key}:Scope is required: global, sandbox or local.");
            }

            var hasUrl = server.Url is not null;
            var hasCommand = !string.IsNullOrWhiteSpace(server.Command);
            if (hasUrl == hasCommand)
            {
                failures.Add($"{key}: set either Url (a remote server over Streamable HTTP) or Command (a local server over stdio), not {(hasUrl ? "both" : "neither")}.");
            }
            else if (hasUrl && (!server.Url!.IsAbsoluteUri || (server.Url.Scheme != Uri.UriSchemeHttp && server.Url.Scheme != Uri.UriSchemeHttps)))
            {
                failures.Add($"{key}:Url must be an absolute http or https address.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min} and {max}; it is {value}.");
        }
    }
}
