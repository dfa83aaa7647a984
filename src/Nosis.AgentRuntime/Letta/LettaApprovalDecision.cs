namespace Nosis.AgentRuntime.Letta;

/// <summary>A human's decision on a tool call the agent asked approval for (<c>ApprovalReturn</c>: <c>{type: "approval", tool_call_id, approve, reason}</c>).</summary>
/// <param name="ToolCallId">The id of the tool call decided on.</param>
/// <param name="Approve">Whether the call may run; <see langword="false"/> denies it.</param>
/// <param name="Reason">Why, in words the agent reads; optional.</param>
public sealed record LettaApprovalDecision(string ToolCallId, bool Approve, string? Reason = null);
