using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="ITurnLeaseStore"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// Expiry is tested on a clock the fixture moves by hand, passed to <see cref="CreateLeaseStoreAsync"/>. A store that takes
/// its time elsewhere (a database's <c>now()</c>) overrides <see cref="UsesTimeProvider"/> to return <see langword="false"/>:
/// the fixture then waits in real time, with leases of <see cref="RealTimeLeaseDuration"/>.
/// </remarks>
[TestFixture]
public abstract class TurnLeaseStoreConformanceTests
{
    /// <summary>Gets a value indicating whether the store reads the time from the <see cref="TimeProvider"/> it is created with.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    protected virtual bool UsesTimeProvider => true;

    /// <summary>Gets the lease duration the expiry tests use when <see cref="UsesTimeProvider"/> is <see langword="false"/>; make it a few times your clock's resolution.</summary>
    /// <value>The default is one second.</value>
    protected virtual TimeSpan RealTimeLeaseDuration => TimeSpan.FromSeconds(1);

    /// <summary>Gets how many owners race for one lease in the concurrency test.</summary>
    /// <value>The default is 32.</value>
    protected virtual int ConcurrentOwnerCount => 32;

    /// <summary>Creates a lease store over an empty store that reads the time from <paramref name="timeProvider"/>; called once per test.</summary>
    /// <param name="timeProvider">The clock; the fixture moves it by hand unless <see cref="UsesTimeProvider"/> is <see langword="false"/>.</param>
    /// <returns>The store under test.</returns>
    protected abstract Task<ITurnLeaseStore> CreateLeaseStoreAsync(TimeProvider timeProvider);

    /// <summary>Adds a conversation leases can be taken on; override when your leases live on a conversation row.</summary>
    /// <param name="store">A store from <see cref="CreateLeaseStoreAsync"/>.</param>
    /// <returns>The conversation's id; by default a new unique id.</returns>
    protected virtual Task<string> AddConversationAsync(ITurnLeaseStore store) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    /// <summary>Frees a store after a test; by default disposes it when it is disposable.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeLeaseStoreAsync(ITurnLeaseStore store) => Concurrently.DisposeAsync(store);

    /// <summary>Many owners racing for one free lease: exactly one gets it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_ManyConcurrentOwners_ExactlyOneWins() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        var count = ConcurrentOwnerCount;
        var won = await Concurrently.RunAsync(count, i => store.TryAcquireAsync(conversationId, $"owner-{i}", clock.Duration), $"{count} concurrent acquisitions").ConfigureAwait(false);

        Assert.That(won.Count(w => w), Is.EqualTo(1), $"TryAcquireAsync must be atomic: {won.Count(w => w)} of {count} concurrent owners got the lease; exactly one may.");
    });

    /// <summary>While one owner holds the lease, another owner cannot take it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_LeaseHeld_OtherOwnerIsRefused() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.False, "TryAcquireAsync must refuse a lease another owner holds and that has not expired.");
    });

    /// <summary>The owner's renewal extends the lease past its first expiry, so another owner is still refused.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_ByOwner_ExtendsTheLease() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(0.6).ConfigureAwait(false);
        Assert.That(await store.RenewAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "RenewAsync must succeed for the owner of a lease that has not expired.");
        await clock.AdvanceAsync(0.6).ConfigureAwait(false);

        Assert.That(
            await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false),
            Is.False,
            "RenewAsync must extend the lease from now: another owner took it when only the first lease period had passed.");
    });

    /// <summary>Another owner's renewal fails and leaves the lease with its owner.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task RenewAsync_ByOtherOwner_ReturnsFalseAndLeavesTheLease() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        Assert.That(await store.RenewAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.False, "RenewAsync must fail for an owner that does not hold the lease.");
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

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "ReleaseAsync by the owner must free the lease at once.");
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

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-c", clock.Duration).ConfigureAwait(false), Is.False, "ReleaseAsync by an owner that does not hold the lease must do nothing, but the lease was freed.");
    });

    /// <summary>An expired lease is taken over by another owner; the old owner can neither renew it nor release it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task TryAcquireAsync_ExpiredLease_IsTakenOverAndTheOldOwnerLosesIt() => WithStoreAsync(async (store, clock) =>
    {
        var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
        Assert.That(await store.TryAcquireAsync(conversationId, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");

        await clock.AdvanceAsync(1.5).ConfigureAwait(false);

        Assert.That(await store.TryAcquireAsync(conversationId, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "A lease that has expired must be taken over by another owner.");
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
        Assert.That(await store.TryAcquireAsync(second, "owner-b", clock.Duration).ConfigureAwait(false), Is.True, "A lease on one conversation must not block another conversation.");
        await store.ReleaseAsync(second, "owner-b").ConfigureAwait(false);
        Assert.That(await store.RenewAsync(first, "owner-a", clock.Duration).ConfigureAwait(false), Is.True, "Releasing one conversation's lease must not release another's.");
    });

    private async Task WithStoreAsync(Func<ITurnLeaseStore, LeaseClock, Task> test)
    {
        var manual = UsesTimeProvider ? new ManualTimeProvider() : null;
        var clock = new LeaseClock(manual, manual is null ? RealTimeLeaseDuration : TimeSpan.FromSeconds(30));
        var store = await CreateLeaseStoreAsync((TimeProvider?)manual ?? TimeProvider.System).ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(store, clock), "The turn lease test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeLeaseStoreAsync(store).ConfigureAwait(false);
        }
    }

    /// <summary>The lease duration of a test, and how to let a fraction of it pass.</summary>
    private sealed class LeaseClock(ManualTimeProvider? manual, TimeSpan duration)
    {
        public TimeSpan Duration { get; } = duration;

        public Task AdvanceAsync(double leases)
        {
            var by = Duration * leases;
            if (manual is null)
            {
                return Task.Delay(by);
            }

            manual.Advance(by);
            return Task.CompletedTask;
        }
    }
}
