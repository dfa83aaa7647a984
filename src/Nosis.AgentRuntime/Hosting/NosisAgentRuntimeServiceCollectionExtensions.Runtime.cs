using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Hosting;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Turns;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Letta client, the agent claim, the orphan sweeper and the chat streaming service.</summary>
public static partial class NosisAgentRuntimeServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the Letta client is made from.</summary>
    internal const string LettaHttpClientName = "Nosis.AgentRuntime.Letta";

    static partial void AddRuntimeServices(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(LettaHttpClientRegistered)))
        {
            return;
        }

        services.AddSingleton<LettaHttpClientRegistered>();

        // The Letta client enforces its own request and stream-idle timeouts, so the HttpClient has none; it lives as long as
        // the host, with pooled connections recycled for DNS changes. Retries cover only safe methods: a POST (create, send)
        // is never replayed, because Letta would run it twice; the claim retries creates itself, adopting by creation tag.
        services.AddHttpClient(LettaHttpClientName, static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler(static (handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(2))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("nosis-letta-retry", static (pipeline, context) =>
            {
                var letta = context.ServiceProvider.GetRequiredService<IOptions<LettaOptions>>().Value;
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(letta.MaxRetries, 1),
                    Delay = letta.RetryBaseDelay,
                    MaxDelay = letta.MaxRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                };
                retry.DisableForUnsafeHttpMethods();
                if (letta.MaxRetries > 0)
                {
                    pipeline.AddRetry(retry);
                }
            });

        // Everything that redacts shares the one registered SecretRedactor, which follows the current API key.
        services.TryAddSingleton<ILettaClient>(static serviceProvider => new LettaClient(
            serviceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(LettaHttpClientName),
            RestOptions(serviceProvider.GetRequiredService<IOptions<LettaOptions>>().Value),
            serviceProvider.GetRequiredService<SecretRedactor>(),
            serviceProvider.GetService<ILogger<LettaClient>>(),
            serviceProvider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(static serviceProvider => new AgentClaimService(
            serviceProvider.GetRequiredService<ILettaClient>(),
            serviceProvider.GetRequiredService<IAgentIdRegistry>(),
            serviceProvider.GetRequiredService<IBackgroundScheduler>(),
            serviceProvider.GetRequiredService<IErrorReporter>(),
            serviceProvider.GetRequiredService<IOptions<LettaOptions>>(),
            serviceProvider.GetRequiredService<IOptions<AgentRuntimeOptions>>(),
            serviceProvider.GetRequiredService<AgentRuntimeTelemetry>(),
            serviceProvider.GetRequiredService<SecretRedactor>(),
            serviceProvider.GetRequiredService<TimeProvider>(),
            serviceProvider.GetService<ILogger<AgentClaimService>>()));
        services.TryAddSingleton<IAgentIdResolver>(static serviceProvider => serviceProvider.GetService<ISharedAgentRegistry>() is { } shared
            ? new ScopedAgentClaimService(
                serviceProvider.GetRequiredService<AgentClaimService>(),
                serviceProvider.GetRequiredService<ILettaClient>(),
                shared,
                serviceProvider.GetRequiredService<IBackgroundScheduler>(),
                serviceProvider.GetRequiredService<IErrorReporter>(),
                serviceProvider.GetRequiredService<IOptions<LettaOptions>>(),
                serviceProvider.GetRequiredService<IOptions<AgentRuntimeOptions>>(),
                serviceProvider.GetRequiredService<AgentRuntimeTelemetry>(),
                serviceProvider.GetRequiredService<SecretRedactor>(),
                serviceProvider.GetRequiredService<TimeProvider>(),
                serviceProvider.GetService<ILogger<ScopedAgentClaimService>>())
            : serviceProvider.GetRequiredService<AgentClaimService>());
        services.TryAddSingleton(static serviceProvider => new OrphanAgentSweeper(
            serviceProvider.GetRequiredService<ILettaClient>(),
            serviceProvider.GetRequiredService<IAgentIdRegistry>(),
            serviceProvider.GetRequiredService<IErrorReporter>(),
            serviceProvider.GetRequiredService<IOptions<LettaOptions>>(),
            serviceProvider.GetRequiredService<IOptions<AgentRuntimeOptions>>(),
            serviceProvider.GetRequiredService<AgentRuntimeTelemetry>(),
            serviceProvider.GetRequiredService<SecretRedactor>(),
            serviceProvider.GetRequiredService<TimeProvider>(),
            serviceProvider.GetService<ILogger<OrphanAgentSweeper>>()));
        services.TryAddSingleton(static serviceProvider => new SharedScopeSweeper(
            serviceProvider.GetRequiredService<ILettaClient>(),
            serviceProvider.GetRequiredService<ISharedAgentRegistry>(),
            serviceProvider.GetRequiredService<IErrorReporter>(),
            serviceProvider.GetRequiredService<IOptions<LettaOptions>>(),
            serviceProvider.GetRequiredService<IOptions<AgentRuntimeOptions>>(),
            serviceProvider.GetRequiredService<AgentRuntimeTelemetry>(),
            serviceProvider.GetRequiredService<SecretRedactor>(),
            serviceProvider.GetRequiredService<TimeProvider>(),
            serviceProvider.GetService<ILogger<SharedScopeSweeper>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OrphanSweepHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TurnReconcilerHostedService>());
        services.TryAddSingleton(static serviceProvider => new ConversationTurnGate(
            serviceProvider.GetRequiredService<IOptions<AgentRuntimeOptions>>(),
            serviceProvider.GetService<ITurnLeaseStore>(),
            serviceProvider.GetRequiredService<TimeProvider>(),
            serviceProvider.GetService<ILogger<ConversationTurnGate>>()));
        services.TryAddSingleton(AgentChatServiceFactory.Create);
    }

    private sealed class LettaHttpClientRegistered;

    private static LettaOptions RestOptions(LettaOptions options) => options.Backend == LettaBackend.Cloud
        ? options
        : throw new InvalidOperationException(
            "Letta:Backend is AppServer, but no App Server backend is registered: add the Nosis.AgentRuntime.AppServer package and call AddAppServerBackend on the runtime builder.");
}
