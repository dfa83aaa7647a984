namespace Nosis.AgentRuntime.Streaming;

/// <summary>A tool call whose input Letta finished streaming.</summary>
/// <param name="Id">The call id.</param>
/// <param name="Name">The tool's name.</param>
/// <param name="Arguments">The arguments as the JSON text the model produced.</param>
internal readonly record struct PendingToolCall(string Id, string Name, string Arguments);
