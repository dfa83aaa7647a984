namespace Nosis.AgentRuntime.Streaming;

/// <summary>A model call (an agent step) finished; text and reasoning parts open in it end here.</summary>
public sealed record StepFinishEvent : AgentChatEvent;
