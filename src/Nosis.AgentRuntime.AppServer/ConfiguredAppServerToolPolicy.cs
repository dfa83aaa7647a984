using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The default policy for the App Server's own tools: none on the <c>sandbox</c> target; on <c>local</c>, those in <see cref="AppServerOptions.LocalTools"/>.</summary>
public sealed class ConfiguredAppServerToolPolicy : IAppServerToolPolicy
{
    private readonly AppServerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ConfiguredAppServerToolPolicy"/> class.</summary>
    /// <param name="options">The options whose <see cref="AppServerOptions.LocalTools"/> lists what <c>local</c> conversations may use.</param>
    public ConfiguredAppServerToolPolicy(IOptions<AppServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <inheritdoc />
    public ValueTask<AppServerToolDecision> DecideAsync(AppServerToolRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(request.Target switch
        {
            ExecutionTarget.Local when _options.LocalTools.Contains(request.ToolName, StringComparer.Ordinal) => AppServerToolDecision.Allow(),
            ExecutionTarget.Local => AppServerToolDecision.Deny($"The host does not let {request.ToolName} run on this machine."),
            _ => AppServerToolDecision.Deny($"This conversation runs in the sandbox; {request.ToolName} would run on the server machine, which it may not use."),
        });
    }
}
