using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

/// <summary>A deliberately wrong lease store: release and renew ignore the owner (<c>DELETE … WHERE conversation = @c</c> only).</summary>
internal sealed class AnyoneReleasesTurnLeaseStore(TimeProvider timeProvider) : ITurnLeaseStore
{
    private readonly ConcurrentDictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        var lease = (ownerToken, now + duration);
        var won = _leases.TryAdd(conversationId, lease)
            || (_leases.TryGetValue(conversationId, out var current) && current.ExpiresAt <= now && _leases.TryUpdate(conversationId, lease, current));
        return Task.FromResult(won);
    }

    public Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (!_leases.TryGetValue(conversationId, out var current))
        {
            return Task.FromResult(false);
        }

        _leases[conversationId] = (current.Owner, timeProvider.GetUtcNow() + duration);
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        _leases.TryRemove(conversationId, out _);
        return Task.CompletedTask;
    }
}
