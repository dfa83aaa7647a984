namespace Nosis.AgentRuntime.Letta;

/// <summary>The answers to the tool calls the agent paused for: client tools' results and human decisions, every parallel call in one request.</summary>
/// <param name="Approvals">The results of client-side tool calls, one per call.</param>
/// <remarks>
/// Sent as the preferred <c>{type: "tool_return", tool_returns: […]}</c> when it holds only results, and as
/// <c>{type: "approval", approvals: […]}</c> (results and <c>ApprovalReturn</c>s together) when it holds a decision
/// (<c>@letta-ai/letta-client</c> 1.12.1 <c>ToolReturnCreate</c> and <c>ApprovalCreate</c>). Letta answers 400 "Invalid tool call IDs"
/// unless one request answers every call it waits for.
/// </remarks>
public sealed record LettaApprovalInput(IReadOnlyList<LettaToolReturn> Approvals) : LettaInputItem
{
    /// <summary>Gets the decisions on calls that need a human's approval (approve or deny, with a reason).</summary>
    public IReadOnlyList<LettaApprovalDecision> Decisions { get; init; } = [];

    /// <summary>Creates an input that approves or denies tool calls.</summary>
    /// <param name="decisions">One decision per call.</param>
    /// <returns>The input.</returns>
    public static LettaApprovalInput Decide(params LettaApprovalDecision[] decisions) => new([]) { Decisions = decisions };
}
