using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <content>Letta's Conversations API.</content>
public sealed partial class LettaClient : ILettaConversationClient
{
    /// <inheritdoc/>
    public async Task<LettaConversation> CreateConversationAsync(string agentId, LettaCreateConversationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(request);
        var operation = $"POST /v1/conversations/?agent_id={agentId}";
        using var response = await InvokeAsync(operation, token => _api.CreateConversationAsync(agentId, request, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        return response.Content ?? throw EmptyBody(operation, response);
    }

    /// <inheritdoc/>
    public async Task<LettaConversation?> GetConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var operation = $"GET /v1/conversations/{conversationId}";
        using var response = await InvokeAsync(operation, token => _api.GetConversationAsync(conversationId, token), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(operation, response);
        return response.Content ?? throw EmptyBody(operation, response);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LettaConversation>> ListConversationsAsync(LettaConversationListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        const string Operation = "GET /v1/conversations/";
        var order = query.OldestFirst ? "asc" : "desc";
        using var response = await InvokeAsync(
            Operation, token => _api.ListConversationsAsync(query.AgentId, query.Limit, query.After, order, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(Operation, response);
        return response.Content ?? [];
    }

    /// <inheritdoc/>
    public async Task<bool> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var operation = $"DELETE /v1/conversations/{conversationId}";
        using var response = await InvokeAsync(operation, token => _api.DeleteConversationAsync(conversationId, token), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        EnsureSuccess(operation, response);
        return true;
    }

    /// <inheritdoc/>
    public async Task CancelConversationAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        var operation = $"POST /v1/conversations/{conversationId}/cancel";
        using var response = await InvokeAsync(operation, token => _api.CancelConversationAsync(conversationId, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LettaStreamItem>> ListConversationMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var operation = $"GET /v1/conversations/{conversationId}/messages";
        using var response = await InvokeAsync(operation, token => _api.ListConversationMessagesAsync(conversationId, limit, "desc", token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        return [.. (response.Content ?? []).Select(ReadItem)];
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LettaStreamItem> StreamConversationMessageAsync(
        string conversationId, LettaMessageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in StreamConversationFramesAsync(conversationId, request, cancellationToken).ConfigureAwait(false))
        {
            yield return frame.ToItem();
        }
    }

    IAsyncEnumerable<LettaFrame> ILettaFrameSource.StreamConversationFramesAsync(string conversationId, LettaMessageRequest request, CancellationToken cancellationToken) =>
        StreamConversationFramesAsync(conversationId, request, cancellationToken);

    private IAsyncEnumerable<LettaFrame> StreamConversationFramesAsync(string conversationId, LettaMessageRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(request);

        // The conversation route has no SDK gate and streams by default; streaming is still sent, as Letta's clients do.
        var path = $"/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages";
        var body = LettaSendWireRequest.ForConversation(request, defaultConversationAgentId: null);
        return ReadFramesAsync(path, () => JsonContent.Create(body, LettaJsonContext.Default.LettaSendWireRequest), conversationId, cancellationToken);
    }

    bool ILettaFrameSource.SendsThroughConversations => _options.StreamRoute == LettaStreamRoute.Conversations;

    IAsyncEnumerable<LettaFrame> ILettaFrameSource.StreamConversationRunFramesAsync(string? conversationId, string agentId, string? otid, long? startingAfter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        if (conversationId is null && _options.StreamRoute != LettaStreamRoute.Conversations)
        {
            throw new InvalidOperationException("The agent's sends take a deprecated agent route, which has no conversation stream to resume through.");
        }

        // The active run of the conversation (or the one of otid): conversations.messages.stream in @letta-ai/letta-client 1.12.1.
        var path = $"/v1/conversations/{Uri.EscapeDataString(conversationId ?? DefaultConversation)}/stream";
        var body = new LettaConversationStreamWireRequest
        {
            AgentId = conversationId is null ? agentId : null,
            Otid = otid,
            StartingAfter = startingAfter,
        };
        return ReadFramesAsync(path, () => JsonContent.Create(body, LettaJsonContext.Default.LettaConversationStreamWireRequest), conversationId ?? agentId, cancellationToken);
    }
}
