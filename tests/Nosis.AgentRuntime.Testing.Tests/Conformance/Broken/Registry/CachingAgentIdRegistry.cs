using System.Collections.Concurrent;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Both reads are served from this instance's cache, so the "fresh" read after a lost claim returns a stale null.</summary>
public sealed class CachingAgentIdRegistry : BrokenRegistry
{
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);

    public override Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cache.GetOrAdd(conversationId, id => Store.GetValueOrDefault(id)));

    public override Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        GetAgentIdAsync(conversationId, cancellationToken);

    public override async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        var won = await base.TryClaimAgentIdAsync(conversationId, agentId, cancellationToken);
        if (won)
        {
            _cache[conversationId] = agentId;
        }

        return won;
    }
}
