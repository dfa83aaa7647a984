using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.AppServer;
using Nosis.AgentRuntime.Letta;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Letta's App Server as the runtime's Letta backend.</summary>
public static class AppServerRuntimeBuilderExtensions
{
    /// <summary>Makes the runtime talk to the App Server when the configuration says so: <c>Letta:Backend</c> = <c>AppServer</c>, with <c>Letta:AppServer:Url</c>, <c>Letta:AppServer:Model</c> and the optional <c>Letta:AppServer:TokenFile</c>, <c>Letta:AppServer:PermissionMode</c> and <c>Letta:AppServer:LocalTools</c>.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configuration">The host's configuration; with <c>Letta:Backend</c> unset or <c>Cloud</c> the call changes nothing.</param>
    /// <returns>The builder.</returns>
    public static INosisAgentRuntimeBuilder AddAppServerBackend(this INosisAgentRuntimeBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!Enum.TryParse<LettaBackend>(configuration["Letta:Backend"], ignoreCase: true, out var backend) || backend != LettaBackend.AppServer)
        {
            return builder;
        }

        builder.Services.AddOptions<AppServerOptions>().Bind(configuration.GetSection("Letta:AppServer"));
        return Register(builder);
    }

    /// <summary>Makes the runtime talk to the App Server, whatever the configuration says.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configure">Sets the App Server's address, model, token file and permission mode.</param>
    /// <returns>The builder.</returns>
    public static INosisAgentRuntimeBuilder AddAppServerBackend(this INosisAgentRuntimeBuilder builder, Action<AppServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return Register(builder);
    }

    private static INosisAgentRuntimeBuilder Register(INosisAgentRuntimeBuilder builder)
    {
        var services = builder.Services;
        services.PostConfigure<LettaOptions>(letta => letta.Backend = LettaBackend.AppServer);
        services.AddOptionsWithValidateOnStart<AppServerOptions, AppServerOptionsValidator>();
        services.TryAddSingleton<IAppServerToolPolicy, ConfiguredAppServerToolPolicy>();
        services.TryAddSingleton(static serviceProvider => new AppServerLettaClient(
            serviceProvider.GetRequiredService<IOptions<AppServerOptions>>(),
            serviceProvider.GetRequiredService<IAppServerToolPolicy>(),
            serviceProvider.GetService<ILoggerFactory>(),
            serviceProvider.GetService<TimeProvider>()));
        services.RemoveAll<ILettaClient>();
        services.AddSingleton<ILettaClient>(static serviceProvider => serviceProvider.GetRequiredService<AppServerLettaClient>());
        return builder;
    }
}
