using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="ITurnLeaseStore"/> in memory, with a <see cref="TimeProvider"/> so that expiry can be tested.</summary>
/// <remarks>
/// Each member is one atomic step under a lock, so one instance can be shared by several runtime instances in one process to
/// act as their common lease table. A lease is held while the current time is before its expiry.
/// </remarks>
public sealed class InMemoryTurnLeaseStore : ITurnLeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new lease store.</summary>
    /// <param name="timeProvider">The clock that decides expiry; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public InMemoryTurnLeaseStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Validate(conversationId, ownerToken, duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            if (_leases.TryGetValue(conversationId, out var lease) && lease.ExpiresAt > now)
            {
                return Task.FromResult(false);
            }

            _leases[conversationId] = (ownerToken, now + duration);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Validate(conversationId, ownerToken, duration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            if (!_leases.TryGetValue(conversationId, out var lease)
                || !string.Equals(lease.Owner, ownerToken, StringComparison.Ordinal)
                || lease.ExpiresAt <= now)
            {
                return Task.FromResult(false);
            }

            _leases[conversationId] = (ownerToken, now + duration);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerToken);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_leases.TryGetValue(conversationId, out var lease) && string.Equals(lease.Owner, ownerToken, StringComparison.Ordinal))
            {
                _leases.Remove(conversationId);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Returns the owner that holds a conversation's lease now, if any.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <returns>The owner token, or <see langword="null"/> when the lease is free or expired.</returns>
    public string? GetHolder(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_gate)
        {
            return _leases.TryGetValue(conversationId, out var lease) && lease.ExpiresAt > _timeProvider.GetUtcNow() ? lease.Owner : null;
        }
    }

    private static void Validate(string conversationId, string ownerToken, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerToken);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
    }
}
