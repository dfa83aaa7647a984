using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Turns;

/// <summary>A small in-memory lease store on the real clock that records renewals; stands in for a shared database row.</summary>
internal sealed class RecordingTurnLeaseStore : ITurnLeaseStore
{
    private readonly Dictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);
    private int _renewals;

    public int Renewals => Volatile.Read(ref _renewals);

    public Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            var now = DateTimeOffset.UtcNow;
            if (_leases.TryGetValue(conversationId, out var lease) && lease.ExpiresAt > now && lease.Owner != ownerToken)
            {
                return Task.FromResult(false);
            }

            _leases[conversationId] = (ownerToken, now + duration);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            if (!_leases.TryGetValue(conversationId, out var lease) || lease.Owner != ownerToken)
            {
                return Task.FromResult(false);
            }

            _leases[conversationId] = (ownerToken, DateTimeOffset.UtcNow + duration);
            Interlocked.Increment(ref _renewals);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        lock (_leases)
        {
            if (_leases.TryGetValue(conversationId, out var lease) && lease.Owner == ownerToken)
            {
                _leases.Remove(conversationId);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Gets the owner whose lease has not expired, if any.</summary>
    public string? LiveOwner(string conversationId)
    {
        lock (_leases)
        {
            return _leases.TryGetValue(conversationId, out var lease) && lease.ExpiresAt > DateTimeOffset.UtcNow ? lease.Owner : null;
        }
    }
}
