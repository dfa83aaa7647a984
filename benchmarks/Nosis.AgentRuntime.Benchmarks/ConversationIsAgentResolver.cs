using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Resolves a conversation to the agent of the same id: the worker-process host of the load benchmark keeps no registry.</summary>
public sealed class ConversationIsAgentResolver : IAgentIdResolver
{
    public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) =>
        Task.FromResult(conversation.ConversationId);
}
