namespace Nosis.AgentRuntime.Contracts;

/// <summary>What a tool call returned to the agent.</summary>
/// <param name="Output">The tool's output text, or the error text when <paramref name="IsError"/> is set.</param>
/// <param name="IsError">Whether the call failed; the agent sees the error text and may recover.</param>
public sealed record ToolResult(string Output, bool IsError = false)
{
    /// <summary>Creates a successful result.</summary>
    /// <param name="output">The output text.</param>
    /// <returns>The result.</returns>
    public static ToolResult Success(string output) => new(output);

    /// <summary>Creates a failed result.</summary>
    /// <param name="error">The error text the agent sees; it must hold no secret.</param>
    /// <returns>The result.</returns>
    public static ToolResult Error(string error) => new(error, IsError: true);
}
