using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nosis.AgentRuntime;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Hosting;
using Nosis.AgentRuntime.Letta;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Nosis agent runtime to a service collection.</summary>
public static partial class NosisAgentRuntimeServiceCollectionExtensions
{
    /// <summary>Adds the agent runtime, configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureLetta">Sets how to reach the Letta server; <see cref="LettaOptions.BaseUrl"/> is required.</param>
    /// <param name="configureRuntime">Sets how turns run, if the defaults of <see cref="AgentRuntimeOptions"/> do not fit.</param>
    /// <returns>A builder to swap in the host's adapters (<see cref="NosisAgentRuntimeBuilderExtensions.UseAdapter{TAdapter}"/> and the like).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configureLetta"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>Options are validated when the host starts; a bad setting stops start-up with a message naming it, never showing the API key.</para>
    /// <para>Registers <see cref="TimeProvider.System"/>, the telemetry, a logging <see cref="IErrorReporter"/> and a channel-backed
    /// <see cref="IBackgroundScheduler"/> run by a hosted service, each only when not registered yet, so calling this twice is harmless.
    /// The host still provides <see cref="IAgentIdRegistry"/>, <see cref="IMessageStore"/> and <see cref="IToolLoader"/>.</para>
    /// </remarks>
    public static INosisAgentRuntimeBuilder AddNosisAgentRuntime(
        this IServiceCollection services,
        Action<LettaOptions> configureLetta,
        Action<AgentRuntimeOptions>? configureRuntime = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureLetta);

        var builder = AddCore(services);
        services.Configure(configureLetta);
        if (configureRuntime is not null)
        {
            services.Configure(configureRuntime);
        }

        return builder;
    }

    /// <summary>Adds the agent runtime, configured from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding the runtime's settings, e.g. <c>builder.Configuration.GetSection("AgentRuntime")</c>.</param>
    /// <returns>A builder to swap in the host's adapters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configuration"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// <para>Keys, relative to <paramref name="configuration"/>:</para>
    /// <list type="bullet">
    /// <item><description><c>Letta:BaseUrl</c> (required), <c>Letta:ApiKey</c>, <c>Letta:ProjectId</c>, <c>Letta:RequestTimeout</c>,
    /// <c>Letta:StreamIdleTimeout</c>, <c>Letta:MaxRetries</c>, <c>Letta:RetryBaseDelay</c>, <c>Letta:MaxRetryDelay</c>
    /// (<see cref="LettaOptions"/>);</description></item>
    /// <item><description><c>Runtime:Surface</c> (<c>Worker</c>, <c>Web</c> or <c>Desktop</c>), <c>Runtime:MaxToolSteps</c>,
    /// <c>Runtime:MaxPersistedTextLength</c>, <c>Runtime:StreamBufferCapacity</c>, <c>Runtime:TurnWaitTimeout</c>,
    /// <c>Runtime:TurnLeaseDuration</c>, <c>Runtime:AgentModel</c>, <c>Runtime:AgentEmbedding</c>, <c>Runtime:OrphanGracePeriod</c>
    /// (<see cref="AgentRuntimeOptions"/>);</description></item>
    /// <item><description><c>BackgroundScheduler:Capacity</c>, <c>BackgroundScheduler:Concurrency</c>,
    /// <c>BackgroundScheduler:DrainTimeout</c> (<see cref="BackgroundSchedulerOptions"/>).</description></item>
    /// </list>
    /// <para>Durations use the <see cref="TimeSpan"/> format, e.g. <c>00:00:30</c>. Keep the API key in a secret store, not in a checked-in file.</para>
    /// </remarks>
    public static INosisAgentRuntimeBuilder AddNosisAgentRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var builder = AddCore(services);
        services.AddOptions<LettaOptions>().Bind(configuration.GetSection(AgentRuntimeConfigurationSections.Letta));
        services.AddOptions<AgentRuntimeOptions>().Bind(configuration.GetSection(AgentRuntimeConfigurationSections.Runtime));
        services.AddOptions<BackgroundSchedulerOptions>().Bind(configuration.GetSection(AgentRuntimeConfigurationSections.BackgroundScheduler));
        return builder;
    }

    private static NosisAgentRuntimeBuilder AddCore(IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<LettaOptions, LettaOptionsValidator>();
        services.AddOptionsWithValidateOnStart<AgentRuntimeOptions, AgentRuntimeOptionsValidator>();
        services.AddOptionsWithValidateOnStart<BackgroundSchedulerOptions, BackgroundSchedulerOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(serviceProvider => new AgentRuntimeTelemetry(serviceProvider.GetService<IMeterFactory>()));
        services.TryAddSingleton<SecretRedactor>();
        services.TryAddSingleton<IErrorReporter, LoggingErrorReporter>();

        services.TryAddSingleton<ChannelBackgroundScheduler>();
        services.TryAddSingleton<IBackgroundScheduler>(serviceProvider => serviceProvider.GetRequiredService<ChannelBackgroundScheduler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BackgroundSchedulerHostedService>());

        AddRuntimeServices(services);
        return new NosisAgentRuntimeBuilder(services);
    }
}
