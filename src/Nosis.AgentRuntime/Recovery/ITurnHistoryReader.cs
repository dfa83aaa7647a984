namespace Nosis.AgentRuntime.Recovery;

/// <summary>Reads what Letta kept of one turn: the user message the runtime sent (found by its <c>otid</c>) and the messages after it.</summary>
/// <remarks>
/// One implementation per place Letta keeps a turn: <see cref="AgentMessagesHistoryReader"/> reads the agent's history
/// (<c>GET /v1/agents/{agent_id}/messages</c>); a conversation-scoped reader reads <c>GET /v1/conversations/{id}/messages</c>.
/// </remarks>
internal interface ITurnHistoryReader
{
    /// <summary>Reads the turn whose user message Letta keeps with <c>otid</c> <paramref name="userMessageId"/>.</summary>
    /// <param name="agentId">The agent the turn was sent to.</param>
    /// <param name="userMessageId">The stored user message's id, sent to Letta as its <c>otid</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The turn as Letta kept it; <see cref="LettaTurnHistory.NotFound"/> when Letta has no such user message.</returns>
    Task<LettaTurnHistory> ReadTurnAsync(string agentId, string userMessageId, CancellationToken cancellationToken);
}
