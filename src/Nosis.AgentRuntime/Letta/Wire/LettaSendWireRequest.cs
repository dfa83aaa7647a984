using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of a send: <c>LettaRequest</c>, or <c>LettaStreamingRequest</c> / the conversations route's <c>MessageCreateParams</c> when the streaming fields are set.</summary>
internal sealed class LettaSendWireRequest
{
    /// <summary>The agent of the <c>default</c> conversation (agent-direct mode); sent only on that route.</summary>
    public string? AgentId { get; init; }

    [JsonConverter(typeof(LettaInputItemsConverter))]
    public required IReadOnlyList<LettaInputItem> Messages { get; init; }

    public int? MaxSteps { get; init; }

    public IReadOnlyList<LettaClientTool>? ClientTools { get; init; }

    public bool? Streaming { get; init; }

    public bool? StreamTokens { get; init; }

    public bool? IncludePings { get; init; }

    public bool? Background { get; init; }

    /// <summary>Asks for <c>summary_message</c> and <c>event_message</c> frames when Letta compacts the context window.</summary>
    public bool? IncludeCompactionMessages { get; init; }

    /// <summary>The non-streaming body: the streaming fields are left out, or the server answers 422.</summary>
    public static LettaSendWireRequest ForSend(LettaMessageRequest request) => new()
    {
        Messages = request.Messages,
        MaxSteps = request.MaxSteps,
        ClientTools = request.ClientTools,
    };

    /// <summary>The streaming body of an agent route: token deltas and pings on; <c>streaming: true</c> for the <c>/messages</c> route.</summary>
    public static LettaSendWireRequest ForStream(LettaMessageRequest request, bool onMessagesRoute) => new()
    {
        Streaming = onMessagesRoute ? true : null,
        Messages = request.Messages,
        MaxSteps = request.MaxSteps,
        ClientTools = request.ClientTools,
        StreamTokens = true,
        IncludePings = true,
        Background = request.Background ? true : null,
    };

    /// <summary>
    /// The body of <c>POST /v1/conversations/{id}/messages</c> as Letta's current client sends it (letta-code
    /// <c>src/agent/message.ts</c>): <c>streaming</c>, <c>stream_tokens</c>, <c>include_pings</c>, <c>background</c>,
    /// compaction messages, and <c>agent_id</c> for the agent's own <c>default</c> conversation.
    /// </summary>
    public static LettaSendWireRequest ForConversation(LettaMessageRequest request, string? defaultConversationAgentId) => new()
    {
        AgentId = defaultConversationAgentId,
        Streaming = true,
        Messages = request.Messages,
        MaxSteps = request.MaxSteps,
        ClientTools = request.ClientTools,
        StreamTokens = true,
        IncludePings = true,
        Background = request.Background,
        IncludeCompactionMessages = true,
    };
}
