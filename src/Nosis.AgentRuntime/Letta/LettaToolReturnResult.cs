namespace Nosis.AgentRuntime.Letta;

/// <summary>One result of a <c>tool_return_message</c>: an item of its <c>tool_returns</c> array (Letta's <c>ToolReturn</c>).</summary>
/// <param name="ToolCallId">The tool call this result answers.</param>
/// <param name="ToolReturn">The tool's output; text parts are joined.</param>
/// <param name="Status">The status, <c>success</c> or <c>error</c>.</param>
public sealed record LettaToolReturnResult(string? ToolCallId, string ToolReturn, string? Status)
{
    /// <summary>Gets whether the tool failed.</summary>
    public bool IsError => string.Equals(Status, "error", StringComparison.Ordinal);
}
