using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong registry: every claim and every replacement overwrites (<c>UPDATE … SET agent_id = @a WHERE id = @c</c> with no condition on the current agent).</summary>
internal sealed class LastWriterWinsAgentIdRegistry : IAgentIdRegistry
{
    private readonly ConcurrentDictionary<string, string?> _agentIds = new(StringComparer.Ordinal);

    public string AddConversation()
    {
        var id = "conv-" + Guid.NewGuid().ToString("N");
        _agentIds[id] = null;
        return id;
    }

    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_agentIds.GetValueOrDefault(conversationId));

    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        if (!_agentIds.ContainsKey(conversationId))
        {
            return Task.FromResult(false);
        }

        _agentIds[conversationId] = agentId;
        return Task.FromResult(true);
    }

    public Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        TryClaimAgentIdAsync(conversationId, newAgentId, cancellationToken);

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => GetAgentIdAsync(conversationId, cancellationToken);
}
