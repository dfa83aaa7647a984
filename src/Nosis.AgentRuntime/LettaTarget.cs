namespace Nosis.AgentRuntime;

/// <summary>Where a turn is sent: an agent, and in the shared scopes the Letta conversation inside it.</summary>
/// <param name="AgentId">The Letta agent.</param>
/// <param name="LettaConversationId">The Letta conversation the turn runs in, or <see langword="null"/> when the agent is the conversation's own.</param>
public sealed record LettaTarget(string AgentId, string? LettaConversationId = null);
