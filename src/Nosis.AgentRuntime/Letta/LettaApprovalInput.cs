namespace Nosis.AgentRuntime.Letta;

/// <summary>The results of client-side tool calls the agent paused for (<c>type: "approval"</c>).</summary>
/// <param name="Approvals">One result per tool call.</param>
public sealed record LettaApprovalInput(IReadOnlyList<LettaToolReturn> Approvals) : LettaInputItem;
