using System.Text;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>The shapes real Letta sends reach the events, the UI stream and the stored reply whole.</summary>
[TestFixture(AgentScope.Conversation)]
[TestFixture(AgentScope.User)]
public sealed class LettaShapesPipelineTests(AgentScope scope)
{
    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ChatHarness.StartAsync(scope: scope);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task ParallelToolStep_EveryResultInToolReturnsBecomesItsOwnEventAndIsStored()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .ParallelToolCalls(new("get_time", "{\"zone\":\"UTC\"}", "12:00"), new("get_date", "{}", "no calendar", IsError: true), new("get_place", "{}", "Oslo"))
            .Text("Noon in Oslo.")
            .Usage(new LettaEmulatedUsage(100, 20) { CacheWriteTokens = 64, ContextTokens = 2048 })
            .Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<ToolCallEvent>().Select(e => e.ToolName).Should().Equal("get_time", "get_date", "get_place");
        events.OfType<ToolResultEvent>().Select(e => (e.Output, e.IsError)).Should().Equal(("12:00", false), ("no calendar", true), ("Oslo", false));
        var saved = await _harness.SavedReplyAsync();
        saved.ToolCalls.Select(c => (c.Name, c.Arguments, c.Output, c.IsError)).Should().Equal(
            ("get_time", "{\"zone\":\"UTC\"}", "12:00", false), ("get_date", "{}", "no calendar", true), ("get_place", "{}", "Oslo", false));
        (saved.Usage!.CacheWriteTokens, saved.Usage.ContextTokens).Should().Be((64L, 2048L));
    }

    [TestCase("redacted")]
    [TestCase("omitted")]
    public async Task HiddenReasoning_BecomesAHiddenEventAndAnEmptyReasoningPartMarkedHidden(string state)
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().HiddenReasoning(state, "EncryptedProviderPayload").Text("Answer.").Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();
        using var output = new MemoryStream();
        await using (var writer = new UiMessageStreamWriter(output))
        {
            foreach (var chatEvent in events)
            {
                await writer.WriteAsync(chatEvent);
            }

            await writer.CompleteAsync();
        }

        events.OfType<HiddenReasoningEvent>().Should().ContainSingle().Which.State.Should().Be(state);
        events.OfType<ReasoningDeltaEvent>().Should().BeEmpty("no reasoning text is invented");
        var ui = Encoding.UTF8.GetString(output.ToArray());
        ui.Should().Contain($"{{\"type\":\"reasoning-start\",\"id\":\"r1\",\"providerMetadata\":{{\"letta\":{{\"hidden\":true,\"state\":\"{state}\"}}}}}}");
        ui.Should().Contain("{\"type\":\"reasoning-end\",\"id\":\"r1\"}").And.NotContain("EncryptedProviderPayload").And.NotContain("reasoning-delta");
    }

    [Test]
    public async Task CancelledRun_EndsTheTurnAsStoppedWithTheTextSoFar()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Text("Partial answer").Cancelled().Build());

        var events = await _harness.CreateService().StreamAsync(_harness.Request()).ToListAsync();

        events.OfType<StopEvent>().Should().ContainSingle().Which.StopReason.Should().Be("cancelled");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        var saved = await _harness.SavedReplyAsync();
        (saved.Completion, saved.Text).Should().Be((ReplyCompletion.Stopped, "Partial answer"));
    }
}
