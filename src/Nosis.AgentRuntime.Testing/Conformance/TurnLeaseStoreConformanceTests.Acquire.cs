using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The acquire checks: one owner at a time, free or expired, per conversation.</content>
public abstract partial class TurnLeaseStoreConformanceTests
{
    /// <summary>Many owners racing for one free lease: exactly one gets it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_ManyConcurrentOwners_ExactlyOneWins() => WithStoreAsync((store, clock) => AssertExactlyOneAcquiresAsync(store, clock, expiredFirst: false));

    /// <summary>Many owners racing to take over one expired lease: exactly one gets it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_ManyOwnersRacingForAnExpiredLease_ExactlyOneWins() => WithStoreAsync((store, clock) => AssertExactlyOneAcquiresAsync(store, clock, expiredFirst: true));

    /// <summary>While one owner holds the lease, another owner cannot take it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_LeaseHeld_OtherOwnerIsRefused() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.False, "TryAcquireAsync must refuse a lease another owner holds and that has not expired." + ClockHint);
    });

    /// <summary>An expired lease is taken over by another owner; the old owner can neither renew it nor release it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_ExpiredLease_IsTakenOverAndTheOldOwnerLosesIt() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(1.5).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "A lease that has expired must be taken over by another owner, but it was refused." + ClockHint);
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.False, "RenewAsync must fail for an owner whose lease expired and was taken over.");
        await store.ReleaseAsync(conversationId, "owner-a").ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-c", clock.Duration).ConfigureAwait(false), Is.False, "A former owner's release must not free the lease its successor holds.");
    });

    /// <summary>Leases on different conversations do not affect each other.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_DifferentConversations_AreIndependent() => WithStoreAsync(async (store, clock) =>
    {
        var first = await AddConversationAsync(store).ConfigureAwait(false);
        var second = await AddConversationAsync(store).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(first, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");
        Assert.That(await store.TryAcquireAsync(second, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "A lease on one conversation must not block another conversation. Likely cause: the lease is keyed by something other than the conversation id.");
        await store.ReleaseAsync(second, "owner-b").ConfigureAwait(false);
        Assert.That(await store.RenewAsync(first, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "Releasing one conversation's lease must not release another's.");
    });
}
