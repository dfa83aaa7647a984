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
}
