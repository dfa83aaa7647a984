using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Fakes;

/// <summary>A registry whose claim is a true compare-and-set, with hooks to make it throw or lose.</summary>
internal sealed class CasAgentIdRegistry : IAgentIdRegistry
{
    private readonly ConcurrentDictionary<string, string?> _agents = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Func<string, string, Task>? BeforeClaim { get; set; }

    public Func<string, Exception?>? ReadFailure { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="GetAgentIdAsync"/> answers from a stale cache (always empty), as the contract allows.</summary>
    public bool StaleCachedReads { get; set; }

    public int ClaimCalls;

    public string AddConversation(string? agentId = null)
    {
        var id = "conv_" + Guid.NewGuid().ToString("N")[..12];
        _agents[id] = agentId;
        return id;
    }

    public void Set(string conversationId, string? agentId) => _agents[conversationId] = agentId;

    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(!StaleCachedReads && _agents.TryGetValue(conversationId, out var id) ? id : null);

    public async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref ClaimCalls);
        if (BeforeClaim is { } hook)
        {
            await hook(conversationId, agentId);
        }

        await Task.Yield();
        lock (_gate)
        {
            if (!_agents.TryGetValue(conversationId, out var current) || current is not null)
            {
                return false;
            }

            _agents[conversationId] = agentId;
            return true;
        }
    }

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        if (ReadFailure?.Invoke(conversationId) is { } failure)
        {
            return Task.FromException<string?>(failure);
        }

        return Task.FromResult(_agents.TryGetValue(conversationId, out var id) ? id : null);
    }
}
