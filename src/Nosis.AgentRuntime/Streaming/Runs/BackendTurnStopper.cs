using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Stops a conversation's running turn through a backend that can (<see cref="ILettaTurnStopper"/>), from any instance.</summary>
internal sealed class BackendTurnStopper(ILettaTurnStopper backend, IAgentIdResolver agents)
{
    /// <summary>Returns a stopper when the runtime's Letta backend stops turns itself, else <see langword="null"/>.</summary>
    public static BackendTurnStopper? Of(ChatTurnDependencies dependencies) =>
        dependencies.Letta is ILettaTurnStopper backend && dependencies.Agents is { } agents ? new BackendTurnStopper(backend, agents) : null;

    /// <summary>Stops the turn; a conversation with no agent yet has none to stop.</summary>
    /// <remarks>In a shared agent scope the thread's target is resolved as a turn resolves it (read, or claimed if the thread has none yet).</remarks>
    public async Task<bool> StopAsync(ConversationRuntime conversation, CancellationToken cancellationToken)
    {
        var target = conversation.AgentScope == AgentScope.Conversation
            ? conversation.AgentId is { } agentId ? new LettaTarget(agentId) : null
            : await agents.ResolveTargetAsync(conversation, cancellationToken).ConfigureAwait(false);
        return target is not null && await backend.StopTurnAsync(target, cancellationToken).ConfigureAwait(false);
    }
}
