namespace Nosis.AgentRuntime.Letta;

/// <summary>The result of a tool call (<c>tool_return_message</c>); always whole.</summary>
/// <param name="ToolCallId">The tool call this answers.</param>
/// <param name="ToolReturn">The tool's output; text parts are joined.</param>
/// <param name="Status">The status, <c>success</c> or <c>error</c>.</param>
public sealed record LettaToolReturnMessage(string? ToolCallId, string ToolReturn, string? Status) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "tool_return_message";

    /// <summary>Gets the tool name, when the server sends it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets whether the tool failed.</summary>
    public bool IsError => string.Equals(Status, "error", StringComparison.Ordinal);
}
