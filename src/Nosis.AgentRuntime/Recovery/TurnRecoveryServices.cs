using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Recovery;

/// <summary>Builds the crash-recovery parts from a host's services, when its message store can find unanswered turns.</summary>
internal static class TurnRecoveryServices
{
    /// <summary>Gets the store's unanswered-turn query: a registered <see cref="IUnansweredTurnStore"/>, else the message store when it is one.</summary>
    public static IUnansweredTurnStore? FindTurnStore(IServiceProvider services) =>
        services.GetService<IUnansweredTurnStore>() ?? services.GetService<IMessageStore>() as IUnansweredTurnStore;

    /// <summary>Creates the recovery that the next turn of a conversation runs; <see langword="null"/> when the store cannot find unanswered turns.</summary>
    public static OrphanedTurnRecovery? CreateRecovery(IServiceProvider services)
    {
        if (FindTurnStore(services) is not { } turns)
        {
            return null;
        }

        return new OrphanedTurnRecovery(
            turns,
            services.GetRequiredService<IMessageStore>(),
            new AgentMessagesHistoryReader(services.GetRequiredService<ILettaClient>()),
            services.GetRequiredService<IErrorReporter>(),
            services.GetRequiredService<SecretRedactor>(),
            services.GetRequiredService<IOptions<AgentRuntimeOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            (ILogger?)services.GetService<ILogger<OrphanedTurnRecovery>>() ?? NullLogger.Instance);
    }

    /// <summary>Creates the recovery of a service built without DI; <see langword="null"/> when <paramref name="turns"/> is.</summary>
    public static OrphanedTurnRecovery? CreateRecovery(IUnansweredTurnStore? turns, ChatTurnDependencies dependencies, ILogger logger) =>
        turns is null
            ? null
            : new OrphanedTurnRecovery(
                turns, dependencies.Messages, new AgentMessagesHistoryReader(dependencies.Letta), dependencies.Errors, dependencies.Redactor,
                dependencies.Options, dependencies.Time, logger);

    /// <summary>Creates the periodic reconciler; <see langword="null"/> without an unanswered-turn query or an agent id registry.</summary>
    public static TurnReconciler? CreateReconciler(IServiceProvider services)
    {
        if (FindTurnStore(services) is not { } turns || services.GetService<IAgentIdRegistry>() is not { } agents || CreateRecovery(services) is not { } recovery)
        {
            return null;
        }

        return new TurnReconciler(
            turns,
            agents,
            services.GetRequiredService<ConversationTurnGate>(),
            recovery,
            services.GetRequiredService<IOptions<AgentRuntimeOptions>>().Value,
            services.GetRequiredService<TimeProvider>(),
            (ILogger?)services.GetService<ILogger<TurnReconciler>>() ?? NullLogger.Instance);
    }
}
