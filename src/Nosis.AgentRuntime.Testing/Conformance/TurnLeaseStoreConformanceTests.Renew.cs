using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The renew and release checks: only the owner, only before expiry, always from now.</content>
public abstract partial class TurnLeaseStoreConformanceTests
{
    /// <summary>The owner's renewal extends the lease past its first expiry, so another owner is still refused.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_ByOwner_ExtendsTheLease() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(0.6).ConfigureAwait(false);
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "RenewAsync must succeed for the owner of a lease that has not expired." + ClockHint);
        await clock.AdvanceAsync(0.6).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.False, "RenewAsync must extend the lease: another owner took it when only the first lease period had passed. Likely cause: renew does not write the new expiry.");
    });

    /// <summary>A renewal with a shorter duration ends the lease that long after now, not after the old expiry.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_ShorterDuration_ExtendsFromNowNotFromTheOldExpiry() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(0.1).ConfigureAwait(false);
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration * 0.2).ConfigureAwait(false), Is.True, "RenewAsync must succeed for the owner of a lease that has not expired.");
        await clock.AdvanceAsync(0.5).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "RenewAsync must extend the lease from now: renewed for 0.2 lease periods, it still held 0.5 periods later. Likely cause: the new expiry is the old expiry plus the duration, not now plus the duration.");
    });

    /// <summary>Once the lease has expired, its owner's renewal fails, even before anybody took it over.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_AfterExpiry_ReturnsFalse() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(1.5).ConfigureAwait(false);

        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.False, "Renew succeeded after the lease expired: another turn may already have started. Is renew checking the expiry (… AND expires_at > @now)?" + ClockHint);
    });

    /// <summary>Another owner's renewal fails and leaves the lease with its owner.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_ByOtherOwner_ReturnsFalseAndLeavesTheLease() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        Assert.That(await store.RenewAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.False, "RenewAsync must fail for an owner that does not hold the lease. Likely cause: renew is not conditioned on the owner (… AND owner = @owner).");
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "A failed renewal by another owner must leave the lease with its owner.");
    });

    /// <summary>The owner's release frees the lease for another owner at once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReleaseAsync_ByOwner_FreesTheLease() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await store.ReleaseAsync(conversationId, "owner-a").ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "ReleaseAsync by the owner must free the lease at once; another owner was refused. Likely cause: release does nothing, leaving the lease to expire.");
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.False, "After releasing, the former owner must not be able to renew.");
    });

    /// <summary>Another owner's release does nothing: the lease stays held.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReleaseAsync_ByOtherOwner_DoesNothing() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await store.ReleaseAsync(conversationId, "owner-b").ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-c", clock.Duration).ConfigureAwait(false), Is.False, "ReleaseAsync by an owner that does not hold the lease must do nothing, but the lease was freed. Likely cause: release is not conditioned on the owner (… AND owner = @owner).");
    });
}
