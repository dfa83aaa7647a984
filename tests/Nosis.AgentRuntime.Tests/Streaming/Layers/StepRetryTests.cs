using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

public sealed class StepRetryTests
{
    [Test]
    public async Task StreamAsync_ItsOwnTokenCancelledWhileEnumeratedWithAnotherToken_StopsTheInnerStream()
    {
        var inner = new ScriptedTurnClient().Then(new StepStartEvent(), new TextDeltaEvent("t1", "a"), new TextDeltaEvent("t1", "b"));
        using var streamToken = new CancellationTokenSource();
        using var enumeratorToken = new CancellationTokenSource();
        var read = new List<AgentChatEvent>();

        var act = async () =>
        {
            var events = StepRetry.StreamAsync(inner, TurnContexts.New(), TurnContexts.UserInput(), (_, _) => Task.FromResult<IReadOnlyList<LettaInputItem>?>(null), streamToken.Token);
            await foreach (var chatEvent in events.WithCancellation(enumeratorToken.Token))
            {
                read.Add(chatEvent);
                await streamToken.CancelAsync(); // the enumerator's own token (WithCancellation) stays live
            }
        };

        await act.Should().ThrowAsync<OperationCanceledException>();
        read.Should().ContainSingle().Which.Should().BeOfType<StepStartEvent>();
    }

    [Test]
    public async Task StreamAsync_FailureBeforeContent_RetriesOnceAndAnnouncesTheStepOnce()
    {
        var inner = new ScriptedTurnClient()
            .ThenThrow(new LettaApiException(System.Net.HttpStatusCode.NotFound, "POST /v1/agents/agent-1/messages/stream", "gone"), new StepStartEvent())
            .Then(new StepStartEvent(), new TextDeltaEvent("t1", "hi"));

        var events = await StepRetry.StreamAsync(
            inner, TurnContexts.New(), TurnContexts.UserInput(), (_, _) => Task.FromResult<IReadOnlyList<LettaInputItem>?>(TurnContexts.UserInput("again")), CancellationToken.None).ToListAsync();

        events.Should().HaveCount(2);
        events[0].Should().BeOfType<StepStartEvent>();
        events[1].Should().BeOfType<TextDeltaEvent>().Which.Delta.Should().Be("hi");
        inner.Inputs.Should().HaveCount(2);
    }
}
