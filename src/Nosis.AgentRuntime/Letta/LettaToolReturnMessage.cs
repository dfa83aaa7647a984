namespace Nosis.AgentRuntime.Letta;

/// <summary>The results of a step's tool calls (<c>tool_return_message</c>); always whole.</summary>
/// <param name="ToolCallId">The first result's tool call (the deprecated top-level field).</param>
/// <param name="ToolReturn">The first result's output; text parts are joined.</param>
/// <param name="Status">The first result's status, <c>success</c> or <c>error</c>.</param>
/// <remarks>
/// When an agent runs several tools in one step, Letta sends every result in <c>tool_returns</c> and repeats only the first at
/// the top level; read <see cref="Results"/>, which holds every result (the top-level one alone for servers that send no array).
/// </remarks>
public sealed record LettaToolReturnMessage(string? ToolCallId, string ToolReturn, string? Status) : LettaStreamItem
{
    /// <inheritdoc/>
    public override string MessageType => "tool_return_message";

    /// <summary>Gets the tool name, when the server sends it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets whether the first tool failed.</summary>
    public bool IsError => string.Equals(Status, "error", StringComparison.Ordinal);

    /// <summary>Gets every result of the step, in Letta's order; never empty.</summary>
    public IReadOnlyList<LettaToolReturnResult> Results
    {
        get => field is { Count: > 0 } results ? results : [new LettaToolReturnResult(ToolCallId, ToolReturn, Status)];
        init;
    } = [];
}
