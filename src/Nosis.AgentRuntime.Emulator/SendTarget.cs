using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>What a send plays into: an agent (its default conversation) or one of its conversations; each has its own run, pending approval and history.</summary>
internal abstract class SendTarget
{
    public abstract string Id { get; }

    /// <summary>Gets the agent whose memory blocks the send reads and edits (shared by all of its conversations).</summary>
    public abstract StoredAgent Agent { get; }

    public object Gate { get; } = new();

    public PendingApproval? Pending { get; set; }

    public string? ActiveRunId { get; set; }

    /// <summary>Gets the messages of this context window, oldest first, in Letta's message shapes; guarded by <see cref="Gate"/>.</summary>
    public List<JsonObject> History { get; } = [];

    public int InFlightSends;

    public int MaxConcurrentSends;
}
