using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime;

/// <summary>Finds the Letta agent of a conversation, creating and claiming one when it has none.</summary>
public interface IAgentIdResolver
{
    /// <summary>Returns the conversation's agent id, creating and claiming an agent when none is set.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The agent id every concurrent caller for the conversation agrees on.</returns>
    Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default);

    /// <summary>Creates a new agent for a conversation whose agent Letta confirmed gone, and re-claims the conversation with a compare-and-set from the lost id.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="lostAgentId">The agent Letta answered 404 for, twice.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns>The agent the conversation uses now: this call's, or the one a concurrent caller (another process) stored first.</returns>
    /// <remarks>The default implementation throws <see cref="NotSupportedException"/>: a resolver written before this member leaves a lost agent failing.</remarks>
    /// <exception cref="NotSupportedException">The resolver cannot replace an agent.</exception>
    Task<string> ReplaceLostAgentIdAsync(ConversationRuntime conversation, string lostAgentId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} cannot replace a lost agent.");

    /// <summary>Returns where a turn of the conversation is sent: its own agent, or in a shared scope the shared agent and the conversation's Letta conversation in it.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The target every concurrent caller for the conversation agrees on.</returns>
    /// <remarks>The default implementation serves <see cref="AgentScope.Conversation"/> only, through <see cref="ResolveOrCreateAgentIdAsync"/>.</remarks>
    /// <exception cref="NotSupportedException">The conversation is in a shared scope and the resolver knows none.</exception>
    async Task<LettaTarget> ResolveTargetAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.AgentScope != AgentScope.Conversation)
        {
            throw new NotSupportedException(
                $"Conversation {conversation.ConversationId} shares an agent (scope {conversation.AgentScope}), but {GetType().Name} knows only agents of their own; register an ISharedAgentRegistry (builder.UseSharedAgentRegistry<T>()).");
        }

        return new LettaTarget(await ResolveOrCreateAgentIdAsync(conversation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Replaces what Letta confirmed gone of a turn's target: the agent (and so its conversations), or only the Letta conversation.</summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="lost">The target Letta answered 404 for.</param>
    /// <param name="agentLost"><see langword="true"/> when the agent itself is gone; <see langword="false"/> when only the Letta conversation is.</param>
    /// <param name="cancellationToken">Cancels the replacement.</param>
    /// <returns>The target the conversation uses now.</returns>
    /// <remarks>The default implementation replaces an agent of the conversation's own through <see cref="ReplaceLostAgentIdAsync"/>.</remarks>
    /// <exception cref="NotSupportedException">The resolver cannot replace that target.</exception>
    async Task<LettaTarget> ReplaceLostTargetAsync(ConversationRuntime conversation, LettaTarget lost, bool agentLost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lost);
        if (lost.LettaConversationId is not null || !agentLost)
        {
            throw new NotSupportedException($"{GetType().Name} cannot replace a lost Letta conversation.");
        }

        return new LettaTarget(await ReplaceLostAgentIdAsync(conversation, lost.AgentId, cancellationToken).ConfigureAwait(false));
    }
}
