using Nosis.AgentRuntime.Contracts;
using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IActiveRunStore"/> must show (the conversation's turn state for background runs). Derive once per implementation.</summary>
[TestFixture]
public abstract class ActiveRunStoreConformanceTests : ConformanceSuite
{
    /// <summary>Gets a value indicating whether the store refuses runs of conversations it does not hold (a store over a conversation table does).</summary>
    /// <value>The default is <see langword="true"/>.</value>
    protected virtual bool RefusesUnknownConversations => true;

    /// <summary>Creates a store over empty state; called once per test.</summary>
    /// <returns>The store under test.</returns>
    protected abstract Task<IActiveRunStore> CreateStoreAsync();

    /// <summary>Adds a conversation a run can be recorded on; override when your runs live on a conversation row.</summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <returns>The conversation's id; by default a new unique id.</returns>
    protected virtual Task<string> AddConversationAsync(IActiveRunStore store) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    /// <summary>Frees a store after a test; by default disposes it when it is disposable.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeStoreAsync(IActiveRunStore store) => Concurrently.DisposeAsync(store);

    /// <summary>A recorded run reads back whole, to the millisecond, and a newer run replaces it.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SetActiveRun_ReadsBackWhole_AndANewerRunReplacesIt() => WithStoreAsync(async (store, conversation) =>
    {
        var run = RunOf(conversation, "run-1") with { LastSeqId = 3 };
        Assert.That(await store.SetActiveRunAsync(run).ConfigureAwait(false), Is.True, "SetActiveRunAsync must record the run of an existing conversation.");
        Assert.That(await store.GetActiveRunAsync(conversation).ConfigureAwait(false), Is.EqualTo(run), "GetActiveRunAsync must return every field as stored (agent, run, message ids, start time to the millisecond, sequence id).");

        var newer = RunOf(conversation, "run-2");
        await store.SetActiveRunAsync(newer).ConfigureAwait(false);
        Assert.That(await store.GetActiveRunAsync(conversation).ConfigureAwait(false), Is.EqualTo(newer), "One active run per conversation: a new one replaces the old, sequence id included.");
    });

    /// <summary>The sequence id only moves forward, and only for the active run.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Advance_MovesForwardOnly_AndOnlyForTheActiveRun() => WithStoreAsync(async (store, conversation) =>
    {
        await store.SetActiveRunAsync(RunOf(conversation, "run-1")).ConfigureAwait(false);

        Assert.That(await store.AdvanceAsync(conversation, "run-1", 10).ConfigureAwait(false), Is.True, "AdvanceAsync must move the sequence id of the active run.");
        Assert.That(await store.AdvanceAsync(conversation, "run-1", 7).ConfigureAwait(false), Is.False, "AdvanceAsync must never move the sequence id backward (a late writer).");
        Assert.That(await store.AdvanceAsync(conversation, "run-0", 99).ConfigureAwait(false), Is.False, "AdvanceAsync must ignore a run that is no longer the active one.");
        Assert.That((await store.GetActiveRunAsync(conversation).ConfigureAwait(false))?.LastSeqId, Is.EqualTo(10));
    });

    /// <summary>Clearing forgets only the run it names.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ClearActiveRun_ForgetsOnlyTheRunItNames() => WithStoreAsync(async (store, conversation) =>
    {
        await store.SetActiveRunAsync(RunOf(conversation, "run-2")).ConfigureAwait(false);

        Assert.That(await store.ClearActiveRunAsync(conversation, "run-1").ConfigureAwait(false), Is.False, "ClearActiveRunAsync must leave a newer run in place (an old turn ending late).");
        Assert.That(await store.GetActiveRunAsync(conversation).ConfigureAwait(false), Is.Not.Null);
        Assert.That(await store.ClearActiveRunAsync(conversation, "run-2").ConfigureAwait(false), Is.True);
        Assert.That(await store.GetActiveRunAsync(conversation).ConfigureAwait(false), Is.Null, "A cleared conversation has no active run.");
    });

    /// <summary>Conversations do not share turn state.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ActiveRuns_AreKeptPerConversation() => WithStoreAsync(async (store, conversation) =>
    {
        var other = await AddConversationAsync(store).ConfigureAwait(false);
        await store.SetActiveRunAsync(RunOf(conversation, "run-a")).ConfigureAwait(false);

        Assert.That(await store.GetActiveRunAsync(other).ConfigureAwait(false), Is.Null, "A run recorded on one conversation must not show on another.");
        Assert.That(await store.ClearActiveRunAsync(other, "run-a").ConfigureAwait(false), Is.False);
        Assert.That(await store.GetActiveRunAsync(conversation).ConfigureAwait(false), Is.Not.Null);
    });

    /// <summary>A store over a conversation table refuses a run of a conversation it does not hold.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SetActiveRun_UnknownConversation_IsRefused() => WithStoreAsync(async (store, _) =>
    {
        Assume.That(RefusesUnknownConversations, "This store accepts every conversation id.");
        var unknown = "conv-missing-" + Guid.NewGuid().ToString("N");

        Assert.That(await store.SetActiveRunAsync(RunOf(unknown, "run-1")).ConfigureAwait(false), Is.False, "SetActiveRunAsync must answer false for a conversation that does not exist.");
        Assert.That(await store.GetActiveRunAsync(unknown).ConfigureAwait(false), Is.Null);
    });

    private static ActiveRun RunOf(string conversationId, string runId) => new(
        conversationId, "agent-1", runId, "msg_" + runId, new DateTimeOffset(2026, 12, 1, 12, 0, 0, 123, TimeSpan.Zero));

    private async Task WithStoreAsync(Func<IActiveRunStore, string, Task> test)
    {
        var store = await CreateStoreAsync().ConfigureAwait(false);
        try
        {
            var conversation = await AddConversationAsync(store).ConfigureAwait(false);
            await Concurrently.WithinAsync(test(store, conversation), "The active run test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeStoreAsync(store).ConfigureAwait(false);
        }
    }
}
