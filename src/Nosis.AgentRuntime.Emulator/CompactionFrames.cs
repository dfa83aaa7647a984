using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// The fields of a compaction's two messages, as <c>EventMessage</c> and <c>SummaryMessage</c> of <c>@letta-ai/letta-client</c> 1.12.1
/// (<c>resources/agents/messages.d.ts</c>) type them and letta-code emits them (<c>emitCompactionChunks</c>: the event with
/// <c>{trigger}</c>, then the summary with its stats).
/// </summary>
internal static class CompactionFrames
{
    public static JsonObject Event(ReplyStep.Compaction compaction) => new()
    {
        ["event_type"] = "compaction",
        ["event_data"] = new JsonObject { ["trigger"] = compaction.Trigger },
    };

    public static JsonObject Summary(ReplyStep.Compaction compaction) => new()
    {
        ["summary"] = compaction.Summary,
        ["compaction_stats"] = new JsonObject
        {
            ["trigger"] = compaction.Trigger,
            ["context_window"] = 128000,
            ["messages_count_before"] = compaction.MessagesBefore,
            ["messages_count_after"] = compaction.MessagesAfter,
        },
    };
}
