namespace Nosis.AgentRuntime.Letta;

/// <content>The agent's message history.</content>
public sealed partial class LettaClient
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<LettaStreamItem>> ListMessagesAsync(string agentId, LettaMessageListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var operation = $"GET /v1/agents/{agentId}/messages";
        var order = query.OldestFirst ? "asc" : "desc";
        using var response = await InvokeAsync(
            operation,
            token => _api.ListMessagesAsync(agentId, query.Before, query.After, query.Limit, order, query.ConversationId, token),
            cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        return [.. (response.Content ?? []).Select(ReadItem)];
    }
}
