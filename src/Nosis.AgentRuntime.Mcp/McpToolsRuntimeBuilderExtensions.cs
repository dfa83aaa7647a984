using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Mcp;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Uses the tools of MCP servers as the runtime's tools.</summary>
public static class McpToolsRuntimeBuilderExtensions
{
    /// <summary>Uses an <see cref="McpToolLoader"/> as the singleton <see cref="IToolLoader"/>, configured from a section such as <c>Mcp</c>.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configuration">The section: <c>Servers:&lt;name&gt;:Scope</c>, <c>:Url</c> or <c>:Command</c> + <c>:Arguments</c>, <c>:WorkingDirectory</c>,
    /// <c>:Headers:&lt;name&gt;</c>, <c>:Environment:&lt;name&gt;</c>, <c>:InheritEnvironment</c>; and <c>StartTimeout</c>, <c>CallTimeout</c>, <c>StdioShutdownTimeout</c>.</param>
    /// <param name="configure">Changes the options after binding, if needed.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Options are validated when the host starts. Each office's credentials come from the registered <see cref="IMcpServerSettingsProvider"/>;
    /// without one, every office uses the configured settings. Register yours before or after this call.
    /// </remarks>
    public static INosisAgentRuntimeBuilder UseMcpTools(this INosisAgentRuntimeBuilder builder, IConfiguration configuration, Action<McpToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<McpToolsOptions>().Bind(configuration);
        return UseMcpTools(builder, configure ?? (static _ => { }));
    }

    /// <summary>Uses an <see cref="McpToolLoader"/> as the singleton <see cref="IToolLoader"/>, configured in code.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configure">Adds the servers and sets the time limits.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static INosisAgentRuntimeBuilder UseMcpTools(this INosisAgentRuntimeBuilder builder, Action<McpToolsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<McpToolsOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<McpToolsOptions>, McpToolsOptionsValidator>());
        services.AddOptionsWithValidateOnStart<McpToolsOptions>();
        services.TryAddSingleton<IMcpServerSettingsProvider, ConfiguredMcpServerSettingsProvider>();
        services.TryAddSingleton<McpToolLoader>();
        services.RemoveAll<IToolLoader>();
        services.AddSingleton<IToolLoader>(static serviceProvider => serviceProvider.GetRequiredService<McpToolLoader>());
        return builder;
    }
}
