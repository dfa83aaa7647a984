using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IAgentIdRegistry"/> that keeps conversations in memory, with a true compare-and-set claim.</summary>
/// <remarks>
/// Conversations exist only once added with <see cref="AddConversation()"/> or <see cref="AddConversation(string, string?)"/>;
/// a claim on any other id returns <see langword="false"/>, as a database row that does not exist would. Every member is
/// thread-safe, and there is no cache: <see cref="GetAgentIdAsync"/> and <see cref="ReadClaimedAgentIdAsync"/> read the same state.
/// </remarks>
public sealed class InMemoryAgentIdRegistry : IAgentIdRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string?> _agentIds = new(StringComparer.Ordinal);

    /// <summary>Gets the ids of the conversations added so far.</summary>
    public IReadOnlyList<string> ConversationIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _agentIds.Keys];
            }
        }
    }

    /// <summary>Adds a conversation with a new unique id and no agent.</summary>
    /// <returns>The new conversation's id.</returns>
    public string AddConversation()
    {
        var conversationId = "conv-" + Guid.NewGuid().ToString("N");
        AddConversation(conversationId);
        return conversationId;
    }

    /// <summary>Adds a conversation, optionally with an agent already set.</summary>
    /// <param name="conversationId">The conversation's id.</param>
    /// <param name="agentId">The agent it already uses, or <see langword="null"/> for none yet.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> is blank, or <paramref name="agentId"/> is blank but not null.</exception>
    /// <exception cref="InvalidOperationException">A conversation with this id was already added.</exception>
    public void AddConversation(string conversationId, string? agentId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        if (agentId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        }

        lock (_gate)
        {
            if (!_agentIds.TryAdd(conversationId, agentId))
            {
                throw new InvalidOperationException($"The conversation '{conversationId}' was already added to the registry.");
            }
        }
    }

    /// <inheritdoc/>
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(conversationId));
    }

    /// <inheritdoc/>
    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_agentIds.TryGetValue(conversationId, out var current) || current is not null)
            {
                return Task.FromResult(false);
            }

            _agentIds[conversationId] = agentId;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(expectedAgentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(newAgentId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_agentIds.TryGetValue(conversationId, out var current) || !string.Equals(current, expectedAgentId, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            _agentIds[conversationId] = newAgentId;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(conversationId));
    }

    private string? Read(string conversationId)
    {
        lock (_gate)
        {
            return _agentIds.GetValueOrDefault(conversationId);
        }
    }
}
