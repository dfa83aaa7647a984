namespace Nosis.AgentRuntime.Emulator;

/// <summary>A server-side tool call of a scripted reply, with the result the emulator returns for it.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments, as JSON text.</param>
/// <param name="Result">The tool's output.</param>
/// <param name="IsError">Whether the tool failed (<c>status: "error"</c>).</param>
public sealed record LettaEmulatedToolCall(string Name, string ArgumentsJson, string Result, bool IsError = false);
