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
}
