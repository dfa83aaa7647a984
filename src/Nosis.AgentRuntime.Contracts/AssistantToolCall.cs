namespace Nosis.AgentRuntime.Contracts;

/// <summary>A tool call the agent made during a reply, with its result.</summary>
/// <param name="ToolCallId">The tool call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments, as JSON text.</param>
public sealed record AssistantToolCall(string ToolCallId, string Name, string Arguments)
{
    /// <summary>Gets the tool's output (or error text); <see langword="null"/> when the call never returned.</summary>
    public string? Output { get; init; }

    /// <summary>Gets a value indicating whether the call failed.</summary>
    public bool IsError { get; init; }
}
