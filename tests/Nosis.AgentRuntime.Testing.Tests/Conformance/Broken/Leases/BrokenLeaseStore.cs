using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Leases;

/// <summary>The base of the deliberately wrong lease stores: a correct locked table whose steps each bug overrides.</summary>
public abstract class BrokenLeaseStore : ITurnLeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    protected virtual DateTimeOffset Now => Clock.GetUtcNow();

    public virtual Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Read(KeyOf(conversationId)) is { } lease && lease.ExpiresAt > Now)
            {
                return Task.FromResult(false);
            }

            Write(KeyOf(conversationId), (ownerToken, Now + duration));
            return Task.FromResult(true);
        }
    }

    public virtual Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Read(KeyOf(conversationId)) is not { } lease || lease.Owner != ownerToken || lease.ExpiresAt <= Now)
            {
                return Task.FromResult(false);
            }

            Write(KeyOf(conversationId), (ownerToken, Now + duration));
            return Task.FromResult(true);
        }
    }

    public virtual Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (Read(KeyOf(conversationId)) is { } lease && lease.Owner == ownerToken)
            {
                Remove(KeyOf(conversationId));
            }
        }

        return Task.CompletedTask;
    }

    protected virtual string KeyOf(string conversationId) => conversationId;

    protected (string Owner, DateTimeOffset ExpiresAt)? Read(string key)
    {
        lock (_gate)
        {
            return _leases.TryGetValue(key, out var lease) ? lease : null;
        }
    }

    protected void Write(string key, (string Owner, DateTimeOffset ExpiresAt) lease)
    {
        lock (_gate)
        {
            _leases[key] = lease;
        }
    }

    protected void Remove(string key)
    {
        lock (_gate)
        {
            _leases.Remove(key);
        }
    }
}
