namespace Nosis.AgentRuntime.Streaming;

/// <summary>A model call (an agent step) started.</summary>
/// <remarks>Optional: the UI stream encoder opens a step by itself before the first content of a step.</remarks>
public sealed record StepStartEvent : AgentChatEvent;
