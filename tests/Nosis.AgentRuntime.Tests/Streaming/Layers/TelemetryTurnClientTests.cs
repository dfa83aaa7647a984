using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

public sealed class TelemetryTurnClientTests
{
    [Test]
    public async Task StreamAsync_Turn_RecordsFirstTokenOnceTokensFromUsageAndTheDurationWithTheCompletion()
    {
        using var telemetry = new AgentRuntimeTelemetry();
        using var firstToken = new MetricCollector<double>(telemetry.TimeToFirstToken);
        using var input = new MetricCollector<long>(telemetry.InputTokens);
        using var output = new MetricCollector<long>(telemetry.OutputTokens);
        using var duration = new MetricCollector<double>(telemetry.StreamDuration);
        var turn = TurnContexts.New();
        var inner = new OutcomeSettingClient(new TurnOutcome(ReplyCompletion.Completed, null, "end_turn", 2));

        var events = await new TelemetryTurnClient(inner, telemetry, TimeProvider.System, NullLogger.Instance).CollectAsync(turn);

        events.Should().HaveCount(4);
        firstToken.GetMeasurementSnapshot().Should().ContainSingle();
        input.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(7);
        output.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(2);
        duration.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["completion"].Should().Be("Completed");
    }

    /// <summary>Streams two deltas and a usage, and sets the outcome as the persistence layer would.</summary>
    private sealed class OutcomeSettingClient(TurnOutcome outcome) : IChatTurnClient
    {
        public async IAsyncEnumerable<AgentChatEvent> StreamAsync(
            ChatTurnContext turn, IReadOnlyList<Nosis.AgentRuntime.Letta.LettaInputItem> input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ReasoningDeltaEvent("r", "hm");
            yield return new TextDeltaEvent("t", "Hi");
            yield return new UsageEvent(new TokenUsage(7, 2));
            turn.Outcome = outcome;
            yield return new StepFinishEvent();
        }
    }
}
