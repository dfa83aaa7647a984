using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Tests.Turns;

public class ConversationTurnGateTests
{
    private const string Conversation = "conversation-1";

    [Test]
    public async Task EnterAsync_ConcurrentTurnsOfOneConversation_NeverOverlap()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        var recorder = new OverlapRecorder();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RunTurnAsync(gate, recorder, TimeSpan.FromMilliseconds(20))));

        recorder.Turns.Should().Be(8);
        recorder.MaxConcurrent.Should().Be(1);
    }

    [Test]
    public async Task EnterAsync_SecondTurn_StartsOnlyAfterTheFirstHasEnded()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        var first = await gate.EnterAsync(Conversation);

        var second = gate.EnterAsync(Conversation);
        await Task.Delay(100);
        second.IsCompleted.Should().BeFalse();

        await first.DisposeAsync();
        await using var secondTurn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        secondTurn.ConversationId.Should().Be(Conversation);
    }

    [Test]
    public async Task EnterAsync_OtherConversation_DoesNotWait()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        await using var first = await gate.EnterAsync(Conversation);

        var other = gate.EnterAsync("conversation-2");

        other.IsCompletedSuccessfully.Should().BeTrue();
        await (await other).DisposeAsync();
    }

    [Test]
    public async Task EnterAsync_BusyPastTheWaitTimeout_ThrowsAgentBusy()
    {
        var gate = Gate(TimeSpan.FromMilliseconds(100));
        await using var first = await gate.EnterAsync(Conversation);

        var act = () => gate.EnterAsync(Conversation);

        (await act.Should().ThrowAsync<AgentBusyException>()).Which.ConversationId.Should().Be(Conversation);
    }

    [Test]
    public async Task EnterAsync_CancelledWhileWaiting_HoldsNothing()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));
        var first = await gate.EnterAsync(Conversation);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(Conversation, cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => waiting).Should().ThrowAsync<OperationCanceledException>();
        await first.DisposeAsync();

        gate.ActiveConversationCount.Should().Be(0);
        var next = gate.EnterAsync(Conversation);
        next.IsCompletedSuccessfully.Should().BeTrue();
        await (await next).DisposeAsync();
    }

    [Test]
    public async Task DisposeAsync_ManyConversations_LeavesNoEntryBehind()
    {
        var gate = Gate(TimeSpan.FromSeconds(10));

        foreach (var i in Enumerable.Range(0, 1000))
        {
            await (await gate.EnterAsync($"conversation-{i}")).DisposeAsync();
        }

        gate.ActiveConversationCount.Should().Be(0);
    }

    [Test]
    public async Task DisposeAsync_Twice_FreesTheConversationOnce()
    {
        var gate = Gate(TimeSpan.FromMilliseconds(100));
        var first = await gate.EnterAsync(Conversation);
        await first.DisposeAsync();
        await using var second = await gate.EnterAsync(Conversation);

        await first.DisposeAsync();

        await FluentActions.Awaiting(() => gate.EnterAsync(Conversation)).Should().ThrowAsync<AgentBusyException>();
    }

    [Test]
    public async Task EnterAsync_TwoGatesSharingALeaseStore_NeverOverlap()
    {
        var store = new RecordingTurnLeaseStore();
        var gateA = Gate(TimeSpan.FromSeconds(15), store);
        var gateB = Gate(TimeSpan.FromSeconds(15), store);
        var recorder = new OverlapRecorder();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RunTurnAsync(i % 2 == 0 ? gateA : gateB, recorder, TimeSpan.FromMilliseconds(30))));

        recorder.Turns.Should().Be(6);
        recorder.MaxConcurrent.Should().Be(1);
        store.LiveOwner(Conversation).Should().BeNull("every turn released its lease");
    }

    [Test]
    public async Task EnterAsync_LeaseHeldByAnotherProcessPastTheTimeout_ThrowsAgentBusyAndFreesTheLocalSlot()
    {
        var store = new RecordingTurnLeaseStore();
        await using var holder = await Gate(TimeSpan.FromSeconds(1), store).EnterAsync(Conversation);
        var gate = Gate(TimeSpan.FromMilliseconds(200), store);

        await FluentActions.Awaiting(() => gate.EnterAsync(Conversation)).Should().ThrowAsync<AgentBusyException>();

        gate.ActiveConversationCount.Should().Be(0);
        store.LiveOwner(Conversation).Should().Be(holder.LeaseOwnerToken);
    }

    [Test]
    public async Task EnterAsync_LongTurn_RenewsTheLeaseSoItNeverExpires()
    {
        var store = new RecordingTurnLeaseStore();
        var lease = TimeSpan.FromMilliseconds(600);
        await using (var turn = await Gate(TimeSpan.FromSeconds(1), store, lease).EnterAsync(Conversation))
        {
            var other = Gate(TimeSpan.FromMilliseconds(1200), store, lease);

            await FluentActions.Awaiting(() => other.EnterAsync(Conversation)).Should().ThrowAsync<AgentBusyException>();

            store.LiveOwner(Conversation).Should().Be(turn.LeaseOwnerToken);
            store.Renewals.Should().BeGreaterThanOrEqualTo(2);
            turn.LeaseLost.IsCancellationRequested.Should().BeFalse();
        }

        store.LiveOwner(Conversation).Should().BeNull();
    }

    [Test]
    public async Task EnterAsync_LeaseOfACrashedOwnerExpires_AnotherOwnerTakesOver()
    {
        var store = new RecordingTurnLeaseStore();
        (await store.TryAcquireAsync(Conversation, "crashed-process", TimeSpan.FromMilliseconds(200))).Should().BeTrue();
        var gate = Gate(TimeSpan.FromSeconds(5), store);

        await using var turn = await gate.EnterAsync(Conversation);

        store.LiveOwner(Conversation).Should().Be(turn.LeaseOwnerToken).And.NotBe("crashed-process");
    }

    [Test]
    public async Task LeaseLost_LeaseTakenOverWhileTheTurnRuns_Fires()
    {
        var store = new RecordingTurnLeaseStore();
        var lease = TimeSpan.FromMilliseconds(300);
        await using var turn = await Gate(TimeSpan.FromSeconds(1), store, lease).EnterAsync(Conversation);

        await store.ReleaseAsync(Conversation, turn.LeaseOwnerToken!);
        (await store.TryAcquireAsync(Conversation, "intruder", TimeSpan.FromSeconds(10))).Should().BeTrue();

        await Task.Delay(Timeout.Infinite, turn.LeaseLost).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(5));
        turn.LeaseLost.IsCancellationRequested.Should().BeTrue();
    }

    [Test]
    public async Task DisposeAsync_TurnThatFailed_ReleasesTheLease()
    {
        var store = new RecordingTurnLeaseStore();
        var gate = Gate(TimeSpan.FromSeconds(1), store);

        var act = async () =>
        {
            await using var turn = await gate.EnterAsync(Conversation);
            throw new InvalidOperationException("upstream failed");
        };

        await act.Should().ThrowAsync<InvalidOperationException>();
        store.LiveOwner(Conversation).Should().BeNull();
        gate.ActiveConversationCount.Should().Be(0);
    }

    private static ConversationTurnGate Gate(TimeSpan waitTimeout, RecordingTurnLeaseStore? store = null, TimeSpan? leaseDuration = null) =>
        new(Options.Create(new AgentRuntimeOptions { TurnWaitTimeout = waitTimeout, TurnLeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(3) }), store);

    private static async Task RunTurnAsync(ConversationTurnGate gate, OverlapRecorder recorder, TimeSpan hold)
    {
        await Task.Yield();
        await using var turn = await gate.EnterAsync(Conversation);
        recorder.Enter();
        await Task.Delay(hold);
        recorder.Leave();
    }

    private sealed class OverlapRecorder
    {
        private int _current;
        private int _max;
        private int _turns;

        public int MaxConcurrent => Volatile.Read(ref _max);

        public int Turns => Volatile.Read(ref _turns);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            Interlocked.Increment(ref _turns);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }
        }

        public void Leave() => Interlocked.Decrement(ref _current);
    }
}
