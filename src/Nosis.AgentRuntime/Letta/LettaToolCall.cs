namespace Nosis.AgentRuntime.Letta;

/// <summary>A tool call, or a fragment of one when tokens stream (then <see cref="Name"/> comes only in the first fragment).</summary>
/// <param name="ToolCallId">The tool call id; the same in every fragment.</param>
/// <param name="Name">The tool name, if this fragment carries it.</param>
/// <param name="Arguments">The JSON arguments, or this fragment of them; concatenate fragments.</param>
public sealed record LettaToolCall(string? ToolCallId, string? Name, string? Arguments);
