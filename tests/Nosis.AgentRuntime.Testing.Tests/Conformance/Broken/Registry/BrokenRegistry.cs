using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>The base of the deliberately wrong registries: a correct registry over a shared store, whose members each bug overrides.</summary>
/// <remarks>Instances made with <see cref="OverSameStore{T}"/> share the store, as two processes share a database.</remarks>
public abstract class BrokenRegistry : IAgentIdRegistry
{
    protected BrokenRegistry(StringComparer? comparer = null)
    {
        Store = new ConcurrentDictionary<string, string?>(comparer ?? StringComparer.Ordinal);
    }

    /// <summary>Gets the "database": conversation id to agent id.</summary>
    public ConcurrentDictionary<string, string?> Store { get; private set; }

    public T OverSameStore<T>()
        where T : BrokenRegistry, new() => new() { Store = Store };

    public string AddConversation()
    {
        var id = "conv-" + Guid.NewGuid().ToString("N");
        Store[id] = null;
        return id;
    }

    public virtual Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.GetValueOrDefault(conversationId));

    public virtual Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.ContainsKey(conversationId) && Store.TryUpdate(conversationId, agentId, null));

    public virtual Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.TryUpdate(conversationId, newAgentId, expectedAgentId));

    public virtual Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Store.GetValueOrDefault(conversationId));
}
