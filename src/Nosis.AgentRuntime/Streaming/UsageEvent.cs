using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Tokens one Letta request of the turn used; a turn with client-side tools makes several.</summary>
/// <param name="Usage">The tokens used by that request alone.</param>
/// <param name="Model">The model that answered, when known.</param>
public sealed record UsageEvent(TokenUsage Usage, string? Model = null) : AgentChatEvent;
