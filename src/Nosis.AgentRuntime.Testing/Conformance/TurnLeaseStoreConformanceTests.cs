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
public abstract partial class TurnLeaseStoreConformanceTests : ConformanceSuite
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

    /// <summary>Gets how many conversations the race checks race for, one after another, so that a lucky pass does not happen.</summary>
    /// <value>The default is 8.</value>
    protected virtual int ConcurrentRounds => 8;

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

    private string ClockHint => UsesTimeProvider
        ? " Is the store reading the time from the TimeProvider it was given (not DateTimeOffset.UtcNow or the database's clock)?"
        : string.Empty;

    private async Task AssertExactlyOneAcquiresAsync(ITurnLeaseStore store, LeaseClock clock, bool expiredFirst)
    {
        var count = ConcurrentOwnerCount;
        var conversations = new List<string>();
        for (var round = 0; round < ConcurrentRounds; round++)
        {
            var conversationId = await AddConversationAsync(store).ConfigureAwait(false);
            conversations.Add(conversationId);
            if (expiredFirst)
            {
                Assert.That(await store.TryAcquireAsync(conversationId, "owner-old", clock.Duration).ConfigureAwait(false), Is.True, "TryAcquireAsync must take a free lease.");
            }
        }

        if (expiredFirst)
        {
            await clock.AdvanceAsync(1.5).ConfigureAwait(false);
        }

        for (var round = 0; round < ConcurrentRounds; round++)
        {
            var conversationId = conversations[round];
            var won = await Concurrently.RunAsync(count, i => store.TryAcquireAsync(conversationId, $"owner-{round}-{i}", clock.Duration), $"{count} concurrent acquisitions").ConfigureAwait(false);
            var winners = won.Count(w => w);
            Assert.That(
                winners,
                Is.EqualTo(1),
                $"TryAcquireAsync must be atomic: {winners} of {count} owners racing for {(expiredFirst ? "an expired" : "a free")} lease got it (round {round + 1}); exactly one may. "
                + (winners == 0 ? "None won: is the expiry compared with the store's clock?" + ClockHint : "Likely cause: it reads the lease, then writes it; make it one conditional write (… WHERE owner IS NULL OR expires_at <= @now)."));
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
