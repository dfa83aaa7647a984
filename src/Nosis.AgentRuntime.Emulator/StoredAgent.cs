using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>An agent the emulator holds. Mutable state is guarded by <see cref="SendTarget.Gate"/>.</summary>
internal sealed class StoredAgent : SendTarget
{
    public required string AgentId { get; init; }

    /// <inheritdoc/>
    public override string Id => AgentId;

    /// <inheritdoc/>
    public override StoredAgent Agent => this;

    public required string Name { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public required JsonArray Blocks { get; init; }

    public required JsonObject Metadata { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required long Sequence { get; init; }

    public required JsonObject Fields { get; init; }

    public EmulatedAgent Snapshot()
    {
        lock (Gate)
        {
            return new(Id, Name, Tags, CreatedAt)
            {
                Metadata = Metadata.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString() ?? string.Empty),
                Blocks = Blocks.OfType<JsonObject>().ToDictionary(b => (string?)b["label"] ?? string.Empty, b => (string?)b["value"] ?? string.Empty),
            };
        }
    }
}

/// <summary>A client-side tool call the agent is paused on, and the rest of the script to play once it is answered.</summary>
/// <remarks><c>Request</c> is the whole <c>approval_request_message</c>, as a read with <c>include=agent.pending_approval</c> returns it.</remarks>
internal sealed record PendingApproval(string ToolCallId, string ToolName, string ApprovalRequestId, JsonObject Request, IReadOnlyList<ReplyStep> Steps, int NextStep);
