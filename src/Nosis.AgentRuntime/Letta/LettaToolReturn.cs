using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta;

/// <summary>The result of one client-side tool call (<c>ToolReturn</c>, <c>type: "tool"</c>).</summary>
/// <param name="ToolCallId">The id of the tool call this answers.</param>
/// <param name="ToolReturnValue">The tool's output, as text.</param>
/// <param name="Status">Whether the tool succeeded.</param>
public sealed record LettaToolReturn(
    string ToolCallId,
    [property: JsonPropertyName("tool_return")] string ToolReturnValue,
    LettaToolReturnStatus Status)
{
    /// <summary>Gets the item type on the wire; always <c>tool</c>.</summary>
    public string Type => "tool";
}
