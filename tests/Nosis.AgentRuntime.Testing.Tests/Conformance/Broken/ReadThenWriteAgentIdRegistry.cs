using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong registry: it reads, yields, then writes, so two racing claims can both see "no agent" and both win.</summary>
/// <remarks>The bug an ORM-style "load, check, save" claim has. The kit's race fixture must catch it every run.</remarks>
internal sealed class ReadThenWriteAgentIdRegistry : IAgentIdRegistry
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

    public async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        if (!_agentIds.TryGetValue(conversationId, out var current) || current is not null)
        {
            return false;
        }

        await Task.Yield(); // the round trip between the SELECT and the UPDATE
        _agentIds[conversationId] = agentId;
        return true;
    }

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => GetAgentIdAsync(conversationId, cancellationToken);
}
