using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="ISharedAgentRegistry"/> that keeps its rows in memory, with true compare-and-set claims.</summary>
/// <remarks>Any conversation id is accepted (there is no conversation table to check). Thread-safe; nothing is cached.</remarks>
public sealed class InMemorySharedAgentRegistry : ISharedAgentRegistry
{
    private readonly ConcurrentDictionary<string, string> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _conversations = new(StringComparer.Ordinal);

    /// <summary>Gets the shared agents claimed so far, by <see cref="SharedAgentKey.Value"/>.</summary>
    public IReadOnlyDictionary<string, string> SharedAgents => new Dictionary<string, string>(_agents, StringComparer.Ordinal);

    /// <summary>Gets the Letta conversations claimed so far, by host conversation id.</summary>
    public IReadOnlyDictionary<string, string> LettaConversations => new Dictionary<string, string>(_conversations, StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<string?> ReadSharedAgentIdAsync(SharedAgentKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Task.FromResult(_agents.TryGetValue(key.Value, out var agentId) ? agentId : null);
    }

    /// <inheritdoc/>
    public Task<bool> TryClaimSharedAgentIdAsync(SharedAgentKey key, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        return Task.FromResult(_agents.TryAdd(key.Value, agentId));
    }

    /// <inheritdoc/>
    public Task<bool> TryReplaceSharedAgentIdAsync(SharedAgentKey key, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedAgentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newAgentId);
        return Task.FromResult(_agents.TryUpdate(key.Value, newAgentId, expectedAgentId));
    }

    /// <inheritdoc/>
    public Task<string?> ReadLettaConversationIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        return Task.FromResult(_conversations.TryGetValue(conversationId, out var id) ? id : null);
    }

    /// <inheritdoc/>
    public Task<bool> TryClaimLettaConversationIdAsync(string conversationId, string lettaConversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(lettaConversationId);
        return Task.FromResult(_conversations.TryAdd(conversationId, lettaConversationId));
    }

    /// <inheritdoc/>
    public Task<bool> TryReplaceLettaConversationIdAsync(string conversationId, string expectedLettaConversationId, string newLettaConversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedLettaConversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newLettaConversationId);
        return Task.FromResult(_conversations.TryUpdate(conversationId, newLettaConversationId, expectedLettaConversationId));
    }
}
