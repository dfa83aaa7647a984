using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>A conversation of an agent: its own run, pending approval and history (context window); the agent's memory blocks are shared.</summary>
internal sealed class StoredConversation(string id, StoredAgent agent, DateTimeOffset createdAt, long sequence) : SendTarget
{
    public override string Id => id;

    public override StoredAgent Agent => agent;

    public string? Description { get; init; }

    public string? Summary { get; init; }

    public DateTimeOffset CreatedAt => createdAt;

    public long Sequence => sequence;

    public DateTimeOffset? LastMessageAt { get; set; }

    /// <summary>The <c>Conversation</c> shape of <c>@letta-ai/letta-client</c> 1.12.1 (<c>resources/conversations/conversations.d.ts</c>).</summary>
    public JsonObject ToJson()
    {
        lock (Gate)
        {
            return new JsonObject
            {
                ["id"] = Id,
                ["agent_id"] = agent.Id,
                ["archived"] = false,
                ["archived_at"] = null,
                ["context_window_limit"] = null,
                ["created_at"] = WireFormat.Timestamp(createdAt),
                ["created_by_id"] = null,
                ["description"] = Description,
                ["in_context_message_ids"] = new JsonArray([.. History.Select(m => (JsonNode?)JsonValue.Create((string?)m["id"]))]),
                ["last_message_at"] = LastMessageAt is { } last ? WireFormat.Timestamp(last) : null,
                ["last_updated_by_id"] = null,
                ["model"] = null,
                ["model_settings"] = null,
                ["summary"] = Summary,
                ["updated_at"] = WireFormat.Timestamp(LastMessageAt ?? createdAt),
            };
        }
    }
}
