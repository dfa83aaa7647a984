using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Swaps the runtime's adapters and options on an <see cref="INosisAgentRuntimeBuilder"/>.</summary>
/// <remarks>Each <c>Use*</c> method replaces any earlier registration of its role with a singleton of the given type, whatever the call order.</remarks>
public static class NosisAgentRuntimeBuilderExtensions
{
    /// <summary>Uses <typeparamref name="TAdapter"/> as one singleton for all five adapter roles: agent id registry, message store, tool loader, background scheduler and error reporter.</summary>
    /// <typeparam name="TAdapter">The host's composite adapter.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseAdapter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAdapter>(this INosisAgentRuntimeBuilder builder)
        where TAdapter : class, IAgentRuntimeAdapter
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        services.TryAddSingleton<TAdapter>();
        Replace<IAgentIdRegistry>(services, serviceProvider => serviceProvider.GetRequiredService<TAdapter>());
        Replace<IMessageStore>(services, serviceProvider => serviceProvider.GetRequiredService<TAdapter>());
        Replace<IToolLoader>(services, serviceProvider => serviceProvider.GetRequiredService<TAdapter>());
        Replace<IBackgroundScheduler>(services, serviceProvider => serviceProvider.GetRequiredService<TAdapter>());
        Replace<IErrorReporter>(services, serviceProvider => serviceProvider.GetRequiredService<TAdapter>());
        return builder;
    }

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IAgentIdRegistry"/>.</summary>
    /// <typeparam name="T">The host's registry.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseAgentIdRegistry<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IAgentIdRegistry => Use<IAgentIdRegistry, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="ISharedAgentRegistry"/>: conversations of scope <c>User</c> or <c>Office</c> then share an agent.</summary>
    /// <typeparam name="T">The registry type.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The builder.</returns>
    public static INosisAgentRuntimeBuilder UseSharedAgentRegistry<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, ISharedAgentRegistry => Use<ISharedAgentRegistry, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IMessageStore"/>.</summary>
    /// <typeparam name="T">The host's message store.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseMessageStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IMessageStore => Use<IMessageStore, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IToolLoader"/>.</summary>
    /// <typeparam name="T">The host's tool loader.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseToolLoader<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IToolLoader => Use<IToolLoader, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IErrorReporter"/> instead of the logging one.</summary>
    /// <typeparam name="T">The host's error reporter.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseErrorReporter<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IErrorReporter => Use<IErrorReporter, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="ITurnLeaseStore"/>, so turns are serialised across processes.</summary>
    /// <typeparam name="T">The host's turn lease store.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder UseTurnLeaseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, ITurnLeaseStore => Use<ITurnLeaseStore, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IActiveRunStore"/>, where background runs are kept so any instance can resume or stop a reply.</summary>
    /// <typeparam name="T">The host's active-run store.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Required with <see cref="Nosis.AgentRuntime.AgentRuntimeOptions.BackgroundRuns"/>.</remarks>
    public static INosisAgentRuntimeBuilder UseActiveRunStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IActiveRunStore => Use<IActiveRunStore, T>(builder);

    /// <summary>Uses <typeparamref name="T"/> as the singleton <see cref="IBackgroundScheduler"/> instead of the channel-backed one.</summary>
    /// <typeparam name="T">The host's background scheduler.</typeparam>
    /// <param name="builder">The runtime builder.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>The host's scheduler then owns draining at shutdown; the default scheduler's hosted service stays idle.</remarks>
    public static INosisAgentRuntimeBuilder UseBackgroundScheduler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this INosisAgentRuntimeBuilder builder)
        where T : class, IBackgroundScheduler => Use<IBackgroundScheduler, T>(builder);

    /// <summary>Configures the default background scheduler, after any configuration binding.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="configure">Sets capacity, concurrency and drain timeout.</param>
    /// <returns>The same builder.</returns>
    public static INosisAgentRuntimeBuilder ConfigureBackgroundScheduler(this INosisAgentRuntimeBuilder builder, Action<BackgroundSchedulerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        builder.Services.Configure(configure);
        return builder;
    }

    private static INosisAgentRuntimeBuilder Use<TService, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(INosisAgentRuntimeBuilder builder)
        where TService : class
        where TImplementation : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.RemoveAll<TService>();
        builder.Services.AddSingleton<TService, TImplementation>();
        return builder;
    }

    private static void Replace<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton(factory);
    }
}
