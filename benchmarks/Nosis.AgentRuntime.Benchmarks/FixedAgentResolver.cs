using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Resolves every conversation to one agent id, so the streaming figures leave the claim out.</summary>
public sealed class FixedAgentResolver(string agentId) : IAgentIdResolver
{
    private readonly Task<string> _agentId = Task.FromResult(agentId);

    public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) => _agentId;
}
