namespace Nosis.AgentRuntime.Letta;

/// <summary>Letta's Conversations API: threads inside one agent, each with its own context window, sharing the agent's memory.</summary>
/// <remarks>
/// Routes as in <c>letta/server/rest_api/routers/v1/conversations.py</c> and <c>@letta-ai/letta-client</c> 1.12.1. A send while
/// another is running in the same conversation may be refused with 409 <c>CONVERSATION_BUSY</c> (a <see cref="LettaConflictException"/>).
/// </remarks>
public interface ILettaConversationClient
{
    /// <summary>Creates a conversation in an agent (<c>POST /v1/conversations/?agent_id=…</c>).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="request">The conversation's description and summary.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new conversation.</returns>
    Task<LettaConversation> CreateConversationAsync(string agentId, LettaCreateConversationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation (<c>GET /v1/conversations/{id}</c>).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The conversation, or <see langword="null"/> when Letta answers 404.</returns>
    Task<LettaConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Lists one page of an agent's conversations (<c>GET /v1/conversations/?agent_id=…</c>).</summary>
    /// <param name="query">The agent, page size, cursor and order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<IReadOnlyList<LettaConversation>> ListConversationsAsync(LettaConversationListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a conversation (<c>DELETE /v1/conversations/{id}</c>, a soft delete in Letta).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it was already gone (404).</returns>
    Task<bool> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Sends a message in a conversation and streams the reply (<c>POST /v1/conversations/{id}/messages</c>, <c>streaming: true</c>).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="request">The input and options.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The reply's items as they arrive.</returns>
    IAsyncEnumerable<LettaStreamItem> StreamConversationMessageAsync(string conversationId, LettaMessageRequest request, CancellationToken cancellationToken = default);

    /// <summary>Cancels the runs of a conversation (<c>POST /v1/conversations/{id}/cancel</c>).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes once Letta answered.</returns>
    Task CancelConversationAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Reads a conversation's newest messages (<c>GET /v1/conversations/{id}/messages?order=desc</c>).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="limit">The most messages to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The messages, newest first, as the stream's item types.</returns>
    Task<IReadOnlyList<LettaStreamItem>> ListConversationMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default);
}
