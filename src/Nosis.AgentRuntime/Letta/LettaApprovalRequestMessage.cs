namespace Nosis.AgentRuntime.Letta;

/// <summary>The agent called a client-side tool and waits for its result (<c>approval_request_message</c>); a <c>requires_approval</c> stop follows.</summary>
/// <param name="ToolCalls">The calls the client must answer.</param>
public sealed record LettaApprovalRequestMessage(IReadOnlyList<LettaToolCall> ToolCalls) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "approval_request_message";
}
