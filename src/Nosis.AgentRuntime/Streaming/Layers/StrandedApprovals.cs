using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Answers tool calls an agent waits on that no turn will run any more, with an error result that says so.</summary>
internal static class StrandedApprovals
{
    /// <summary>The result an unanswered client tool call gets.</summary>
    public const string StrandedResult = "Not run: the turn that asked for this tool call ended before it ran.";

    public static LettaApprovalInput Answer(IEnumerable<string> toolCallIds) =>
        new([.. toolCallIds.Distinct(StringComparer.Ordinal).Select(id => new LettaToolReturn(id, StrandedResult, LettaToolReturnStatus.Error))]);

    /// <summary>The client tool calls of a pending approval request, each once.</summary>
    public static List<string> CallIdsOf(LettaApprovalRequestMessage? pending) =>
        pending is null ? [] : [.. pending.ToolCalls.Select(c => c.ToolCallId).OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
}
