using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.SharedAgents;

/// <summary>Bug: every claim and every replacement overwrites, whatever is stored: no compare-and-set at all.</summary>
public sealed class LastWriterWinsSharedAgentRegistry : ISharedAgentRegistry
{
    private readonly ConcurrentDictionary<string, string> _rows = new(StringComparer.Ordinal);

    public Task<string?> ReadSharedAgentIdAsync(SharedAgentKey key, CancellationToken cancellationToken = default) => Read("agent:" + key.Value);

    public Task<bool> TryClaimSharedAgentIdAsync(SharedAgentKey key, string agentId, CancellationToken cancellationToken = default) => Write("agent:" + key.Value, agentId);

    public Task<bool> TryReplaceSharedAgentIdAsync(SharedAgentKey key, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        Write("agent:" + key.Value, newAgentId);

    public Task<string?> ReadLettaConversationIdAsync(string conversationId, CancellationToken cancellationToken = default) => Read("conversation:" + conversationId);

    public Task<bool> TryClaimLettaConversationIdAsync(string conversationId, string lettaConversationId, CancellationToken cancellationToken = default) =>
        Write("conversation:" + conversationId, lettaConversationId);

    public Task<bool> TryReplaceLettaConversationIdAsync(string conversationId, string expectedLettaConversationId, string newLettaConversationId, CancellationToken cancellationToken = default) =>
        Write("conversation:" + conversationId, newLettaConversationId);

    private Task<string?> Read(string key) => Task.FromResult(_rows.TryGetValue(key, out var value) ? value : null);

    private Task<bool> Write(string key, string value)
    {
        _rows[key] = value;
        return Task.FromResult(true);
    }
}
