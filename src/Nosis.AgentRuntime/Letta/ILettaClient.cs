namespace Nosis.AgentRuntime.Letta;

/// <summary>The Letta REST subset the runtime uses: agents and messages.</summary>
/// <remarks>
/// Errors: an error status becomes <see cref="LettaApiException"/> (409: <see cref="LettaConflictException"/>); no answer in
/// time becomes <see cref="TimeoutException"/>; an unreachable server becomes <see cref="HttpRequestException"/>. The caller's
/// cancellation surfaces as <see cref="OperationCanceledException"/>. No call retries; retry policy belongs to the caller.
/// </remarks>
public interface ILettaClient
{
    /// <summary>Creates an agent. Not idempotent: a repeated call creates a second agent.</summary>
    /// <param name="request">The agent to create.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new agent.</returns>
    Task<LettaAgent> CreateAgentAsync(LettaCreateAgentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads an agent with its tags and blocks.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The agent, or <see langword="null"/> when Letta answers 404.</returns>
    Task<LettaAgent?> GetAgentAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Reads the tool calls the agent waits on (<c>include=agent.pending_approval</c>).</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The pending approval request, or <see langword="null"/> when none is pending.</returns>
    /// <exception cref="LettaApiException">Letta answered an error, 404 included.</exception>
    Task<LettaApprovalRequestMessage?> GetPendingApprovalAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of agents, with their tags.</summary>
    /// <param name="query">The tags, page size and cursor.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page; empty when there are no more agents.</returns>
    Task<IReadOnlyList<LettaAgent>> ListAgentsAsync(LettaAgentListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes an agent.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when this call deleted it; <see langword="false"/> when Letta answers 404 (already gone).</returns>
    Task<bool> DeleteAgentAsync(string agentId, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of the agent's message history (<c>GET /v1/agents/{agent_id}/messages</c>).</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="query">The cursors, page size and order.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page, as typed items (<see cref="LettaUserMessage"/>, <see cref="LettaAssistantMessage"/>, …); empty when there are no more.</returns>
    /// <exception cref="LettaApiException">Letta answered an error, 404 for an unknown agent included.</exception>
    Task<IReadOnlyList<LettaStreamItem>> ListMessagesAsync(string agentId, LettaMessageListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sends messages or tool results and waits for the whole reply.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="request">What to send.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The reply.</returns>
    Task<LettaResponse> SendMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sends messages or tool results and yields the reply as it arrives: token deltas, pings, the stop reason, usage.</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="request">What to send.</param>
    /// <param name="cancellationToken">Cancels the request and aborts the connection.</param>
    /// <returns>The reply's items; the sequence ends at <c>[DONE]</c>, after a <see cref="LettaStreamError"/>, or when the body ends.</returns>
    /// <remarks>
    /// Nothing is sent until enumeration starts. A frame that is not valid JSON throws <see cref="LettaStreamFormatException"/>;
    /// a stream silent for longer than <see cref="LettaOptions.StreamIdleTimeout"/> throws <see cref="TimeoutException"/>.
    /// </remarks>
    IAsyncEnumerable<LettaStreamItem> StreamMessageAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken = default);
}
