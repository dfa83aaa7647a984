using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

public sealed class TurnEventBufferTests
{
    [Test]
    public async Task WriteAsync_EventsNotPublished_AreNotReadableUntilPublished()
    {
        var buffer = new TurnEventBuffer(8);
        await buffer.WriteAsync(Delta("a"), CancellationToken.None);

        buffer.TryRead(out _).Should().BeFalse();
        buffer.Publish();

        buffer.TryRead(out var chatEvent).Should().BeTrue();
        chatEvent.Should().Be(Delta("a"));
    }

    [Test]
    public async Task WaitToReadAsync_ReaderWaiting_WakesOnPublishAndReadsInOrder()
    {
        var buffer = new TurnEventBuffer(8);
        var wait = buffer.WaitToReadAsync(CancellationToken.None).AsTask();
        wait.IsCompleted.Should().BeFalse();

        await buffer.WriteAsync(Delta("a"), CancellationToken.None);
        await buffer.WriteAsync(Delta("b"), CancellationToken.None);
        buffer.Publish();

        (await wait.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        ReadAll(buffer).Should().Equal(Delta("a"), Delta("b"));
    }

    [Test]
    public async Task WaitToReadAsync_CancelledWhileWaiting_ThrowsAndTheNextWaitStillWakes()
    {
        var buffer = new TurnEventBuffer(8);
        using var cancel = new CancellationTokenSource();
        var cancelled = buffer.WaitToReadAsync(cancel.Token).AsTask();
        cancelled.IsCompleted.Should().BeFalse();

        await cancel.CancelAsync();

        await cancelled.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(5))).Should().ThrowAsync<OperationCanceledException>();
        var next = buffer.WaitToReadAsync(CancellationToken.None).AsTask();
        await buffer.WriteAsync(Delta("a"), CancellationToken.None);
        buffer.Publish();
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        ReadAll(buffer).Should().Equal(Delta("a"));
    }

    [Test]
    public async Task WaitToReadAsync_ManyWaitsInARow_EachWakesOnItsOwnPublish()
    {
        var buffer = new TurnEventBuffer(8);
        using var live = new CancellationTokenSource();
        var read = new List<AgentChatEvent>();
        for (var i = 0; i < 50; i++)
        {
            var wait = buffer.WaitToReadAsync(live.Token).AsTask();
            wait.IsCompleted.Should().BeFalse("nothing was published since the last read");
            await buffer.WriteAsync(Delta(i.ToString()), CancellationToken.None);
            buffer.Publish();
            (await wait.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
            read.AddRange(ReadAll(buffer));
        }

        buffer.Complete();
        (await buffer.WaitToReadAsync(live.Token)).Should().BeFalse();
        read.Should().Equal(Enumerable.Range(0, 50).Select(i => Delta(i.ToString())));
    }

    [Test]
    public async Task WriteAsync_BufferFull_WaitsUntilTheReaderReadHalfOfIt()
    {
        var buffer = new TurnEventBuffer(4);
        for (var i = 0; i < 4; i++)
        {
            await buffer.WriteAsync(Delta(i.ToString()), CancellationToken.None);
        }

        var fifth = buffer.WriteAsync(Delta("4"), CancellationToken.None).AsTask();
        fifth.IsCompleted.Should().BeFalse("a full buffer makes the writer wait");
        (await buffer.WaitToReadAsync(CancellationToken.None)).Should().BeTrue("a waiting writer hands the full buffer over");
        buffer.TryRead(out _).Should().BeTrue();
        await Task.Delay(50);
        fifth.IsCompleted.Should().BeFalse("one read of four is not half");

        buffer.TryRead(out _).Should().BeTrue();
        await fifth.WaitAsync(TimeSpan.FromSeconds(5));
        buffer.PeakBuffered.Should().Be(4);
        buffer.Complete();
        ReadAll(buffer).Should().Equal(Delta("2"), Delta("3"), Delta("4"));
    }

    [Test]
    public async Task WriteAsync_CancelledWhileWaitingForRoom_ThrowsAndAnEventThatFitsIsStillAdded()
    {
        var buffer = new TurnEventBuffer(1);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await buffer.WriteAsync(Delta("fits"), cancelled.Token);
        var act = async () => await buffer.WriteAsync(Delta("no room"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        buffer.Complete();
        ReadAll(buffer).Should().Equal(Delta("fits"));
    }

    [Test]
    public async Task Complete_AfterWrites_ReaderGetsEveryEventThenTheEnd()
    {
        var buffer = new TurnEventBuffer(8);
        await buffer.WriteAsync(Delta("a"), CancellationToken.None);
        buffer.Publish();
        await buffer.WriteAsync(Delta("b"), CancellationToken.None);
        buffer.Complete();

        ReadAll(buffer).Should().Equal(Delta("a"), Delta("b"));
        (await buffer.WaitToReadAsync(CancellationToken.None)).Should().BeFalse();
    }

    [Test]
    public async Task Detach_ProducerWaitingForRoom_ResumesAndLaterEventsAreDropped()
    {
        var buffer = new TurnEventBuffer(2);
        await buffer.WriteAsync(Delta("a"), CancellationToken.None);
        await buffer.WriteAsync(Delta("b"), CancellationToken.None);
        var waiting = buffer.WriteAsync(Delta("c"), CancellationToken.None).AsTask();
        waiting.IsCompleted.Should().BeFalse();

        buffer.Detach();

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await buffer.WriteAsync(Delta("d"), CancellationToken.None);
        buffer.Complete();
        ReadAll(buffer).Should().Equal(Delta("a"), Delta("b"));
        (await buffer.WaitToReadAsync(CancellationToken.None)).Should().BeFalse();
    }

    [Test]
    public async Task ReaderAndWriter_OnTwoThreads_PassEveryEventOnceInOrder()
    {
        var buffer = new TurnEventBuffer(16);
        const int Count = 20_000;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await buffer.WriteAsync(Delta(i.ToString()), CancellationToken.None);
                if (i % 7 == 0)
                {
                    buffer.Publish();
                }
            }

            buffer.Complete();
        });

        var read = new List<string>();
        while (await buffer.WaitToReadAsync(CancellationToken.None))
        {
            while (buffer.TryRead(out var chatEvent))
            {
                read.Add(((TextDeltaEvent)chatEvent).Delta);
            }
        }

        await writer;
        read.Should().Equal(Enumerable.Range(0, Count).Select(i => i.ToString()));
        buffer.PeakBuffered.Should().BeInRange(1, 16);
    }

    [Test]
    [Repeat(20)]
    public async Task ReaderAndWriter_SmallBufferOnTwoThreads_NeverStallAndStayWithinTheCapacity()
    {
        var buffer = new TurnEventBuffer(4);
        const int Count = 50_000;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await buffer.WriteAsync(Delta("x"), CancellationToken.None);
            }

            buffer.Complete();
        });

        var read = 0;
        var reader = Task.Run(async () =>
        {
            while (await buffer.WaitToReadAsync(CancellationToken.None))
            {
                while (buffer.TryRead(out _))
                {
                    read++;
                }
            }
        });

        await Task.WhenAll(writer, reader).WaitAsync(TimeSpan.FromSeconds(30));
        read.Should().Be(Count);
        buffer.PeakBuffered.Should().BeInRange(1, 4);
    }

    private static TextDeltaEvent Delta(string text) => new("t1", text);

    private static List<AgentChatEvent> ReadAll(TurnEventBuffer buffer)
    {
        var events = new List<AgentChatEvent>();
        while (buffer.TryRead(out var chatEvent))
        {
            events.Add(chatEvent);
        }

        return events;
    }
}
