namespace Nosis.AgentRuntime.Contracts;

/// <summary>A tool the agent called, with its input.</summary>
/// <param name="ToolCallId">The call's id; a <see cref="ToolResultPart"/> with the same id carries its result.</param>
/// <param name="ToolName">The tool's name.</param>
/// <param name="Input">The arguments as the agent sent them: usually a JSON object, kept as text even when it is not valid JSON.</param>
public sealed record ToolCallPart(string ToolCallId, string ToolName, string Input) : MessagePart;
