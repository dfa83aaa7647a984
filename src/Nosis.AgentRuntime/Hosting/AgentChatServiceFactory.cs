using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>Builds the registered <see cref="AgentChatService"/>: the shared turn gate, the built-in turn layers and the host's own.</summary>
internal static class AgentChatServiceFactory
{
    public static AgentChatService Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AgentRuntimeOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var messages = services.GetRequiredService<IMessageStore>();
        var dependencies = new ChatTurnDependencies(
            services.GetRequiredService<ILettaClient>(),
            messages,
            services.GetRequiredService<IBackgroundScheduler>(),
            services.GetRequiredService<IErrorReporter>(),
            options,
            services.GetRequiredService<SecretRedactor>(),
            time,
            (ILogger?)services.GetService<ILogger<AgentChatService>>() ?? NullLogger.Instance,
            services.GetRequiredService<AgentRuntimeTelemetry>(),
            services.GetRequiredService<IAgentIdResolver>(),
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None,
            services.GetService<IActiveRunStore>());
        var pipeline = dependencies.BuildPipeline(services.GetServices<ChatTurnLayer>(), services);
        return new AgentChatService(
            services.GetRequiredService<IAgentIdResolver>(),
            services.GetRequiredService<ConversationTurnGate>(),
            pipeline,
            messages,
            services.GetRequiredService<IToolLoader>(),
            options,
            time,
            dependencies.Runs is { } runs ? new ActiveReplies(runs, options, dependencies.Logger) : null,
            dependencies.Stopping);
    }
}
