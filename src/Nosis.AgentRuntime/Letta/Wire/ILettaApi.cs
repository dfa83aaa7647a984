using System.Text.Json;
using Refit;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The Letta REST subset, as a Refit interface generated at build time. Paths are exactly those of the official client.</summary>
/// <remarks>The streaming send is not here: Refit buffers a <see cref="HttpResponseMessage"/> body, so <see cref="LettaClient"/> sends it with <see cref="HttpCompletionOption.ResponseHeadersRead"/> itself.</remarks>
[Headers("Accept: application/json")]
internal interface ILettaApi
{
    // Without the slash: production answered 404 to POST /v1/agents/ (letta-ai/letta-agent-sdk#209); its GET and the other routes take either.
    [Post("/v1/agents")]
    Task<IApiResponse<LettaAgent>> CreateAgentAsync([Body(buffered: true)] LettaCreateAgentRequest request, CancellationToken cancellationToken);

    [Get("/v1/agents/{agentId}")]
    Task<IApiResponse<LettaAgent>> GetAgentAsync(string agentId, [Query(CollectionFormat.Multi)] string[] include, CancellationToken cancellationToken);

    [Get("/v1/agents/{agentId}")]
    Task<IApiResponse<LettaAgentPendingWire>> GetPendingApprovalAsync(string agentId, [Query(CollectionFormat.Multi)] string[] include, CancellationToken cancellationToken);

    [Get("/v1/agents/")]
    Task<IApiResponse<List<LettaAgent>>> ListAgentsAsync(
        [Query(CollectionFormat.Multi)] string[] tags,
        [AliasAs("match_all_tags")] string matchAllTags,
        int limit,
        string? after,
        string order,
        [Query(CollectionFormat.Multi)] string[] include,
        CancellationToken cancellationToken);

    [Delete("/v1/agents/{agentId}")]
    Task<IApiResponse<JsonElement>> DeleteAgentAsync(string agentId, CancellationToken cancellationToken);

    [Get("/v1/agents/{agentId}/messages")]
    Task<IApiResponse<List<JsonElement>>> ListMessagesAsync(
        string agentId, string? before, string? after, int limit, string order, [AliasAs("conversation_id")] string? conversationId, CancellationToken cancellationToken);

    [Post("/v1/agents/{agentId}/messages")]
    Task<IApiResponse<LettaWireResponse>> SendMessageAsync(string agentId, [Body(buffered: true)] LettaSendWireRequest request, CancellationToken cancellationToken);

    [Post("/v1/conversations/")]
    Task<IApiResponse<LettaConversation>> CreateConversationAsync([AliasAs("agent_id")] string agentId, [Body(buffered: true)] LettaCreateConversationRequest request, CancellationToken cancellationToken);

    [Get("/v1/conversations/{conversationId}")]
    Task<IApiResponse<LettaConversation>> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    [Get("/v1/conversations/")]
    Task<IApiResponse<List<LettaConversation>>> ListConversationsAsync([AliasAs("agent_id")] string agentId, int limit, string? after, string order, CancellationToken cancellationToken);

    [Delete("/v1/conversations/{conversationId}")]
    Task<IApiResponse<JsonElement>> DeleteConversationAsync(string conversationId, CancellationToken cancellationToken);

    [Post("/v1/conversations/{conversationId}/cancel")]
    Task<IApiResponse<JsonElement>> CancelConversationAsync(string conversationId, CancellationToken cancellationToken);

    [Get("/v1/conversations/{conversationId}/messages")]
    Task<IApiResponse<List<JsonElement>>> ListConversationMessagesAsync(string conversationId, int limit, string order, CancellationToken cancellationToken);

    [Get("/v1/runs/")]
    Task<IApiResponse<List<LettaRun>>> ListRunsAsync(
        [AliasAs("agent_id")] string? agentId,
        [Query(CollectionFormat.Multi)] string[] statuses,
        string? background,
        string? active,
        [AliasAs("stop_reason")] string? stopReason,
        [AliasAs("conversation_id")] string? conversationId,
        int limit,
        string? after,
        string order,
        CancellationToken cancellationToken);

    [Get("/v1/runs/{runId}")]
    Task<IApiResponse<LettaRun>> GetRunAsync(string runId, CancellationToken cancellationToken);

    [Post("/v1/agents/{agentId}/messages/cancel")]
    Task<IApiResponse<Dictionary<string, JsonElement>>> CancelRunsAsync(string agentId, [Body(buffered: true)] LettaCancelRunsWireRequest request, CancellationToken cancellationToken);
}
