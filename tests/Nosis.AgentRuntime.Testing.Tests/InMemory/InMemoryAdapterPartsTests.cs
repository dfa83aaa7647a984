using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.InMemory;

public class InMemoryAdapterPartsTests
{
    [Test]
    public async Task AddConversation_WithAgent_IsReadBackAndCannotBeClaimed()
    {
        var registry = new InMemoryAgentIdRegistry();
        registry.AddConversation("conv-1", "agent-1");

        (await registry.TryClaimAgentIdAsync("conv-1", "agent-2")).Should().BeFalse();
        (await registry.GetAgentIdAsync("conv-1")).Should().Be("agent-1");
        registry.ConversationIds.Should().Equal("conv-1");
    }

    [Test]
    public void AddConversation_SameIdTwice_Throws()
    {
        var registry = new InMemoryAgentIdRegistry();
        registry.AddConversation("conv-1");

        var add = () => registry.AddConversation("conv-1");

        add.Should().Throw<InvalidOperationException>().WithMessage("*'conv-1' was already added*");
    }

    [Test]
    public async Task Adapter_BackgroundWorkThrows_ReportLandsInErrors()
    {
        await using var adapter = new InMemoryAgentRuntimeAdapter();

        await adapter.ScheduleAsync(new BackgroundWork("save-assistant-message", "conversation=c_1", _ => throw new IOException("disk full")));
        await adapter.Scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(5));

        adapter.Errors.Reports.Should().ContainSingle().Which.Operation.Should().Be("save-assistant-message");
    }

    [Test]
    public async Task Adapter_SavedMessages_AreReadBackPerConversationAndKind()
    {
        await using var adapter = new InMemoryAgentRuntimeAdapter();
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await adapter.SaveUserMessageAsync(new UserMessage("u1", "c1", "user-1", "hi", at));
        await adapter.SaveAssistantMessageAsync(new AssistantMessage("a1", "c1", "hello", "m", null, ReplyCompletion.Aborted, at));
        await adapter.SaveUserMessageAsync(new UserMessage("u2", "c2", "user-1", "other", at));

        adapter.Messages.GetUserMessages("c1").Should().ContainSingle().Which.Content.Should().Be("hi");
        adapter.Messages.GetAssistantMessages("c1").Should().ContainSingle().Which.Completion.Should().Be(ReplyCompletion.Aborted);
        adapter.Messages.Count.Should().Be(3);
    }

    [Test]
    public async Task TurnLeaseStore_SharedByTwoRuntimes_OnlyOneHoldsTheLease()
    {
        var clock = new SettableTimeProvider();
        var shared = new InMemoryTurnLeaseStore(clock);
        ITurnLeaseStore runtimeA = shared, runtimeB = shared;

        (await runtimeA.TryAcquireAsync("c1", "turn-a", TimeSpan.FromSeconds(30))).Should().BeTrue();
        (await runtimeB.TryAcquireAsync("c1", "turn-b", TimeSpan.FromSeconds(30))).Should().BeFalse();
        shared.GetHolder("c1").Should().Be("turn-a");

        clock.Now += TimeSpan.FromSeconds(31);

        shared.GetHolder("c1").Should().BeNull();
        (await runtimeB.TryAcquireAsync("c1", "turn-b", TimeSpan.FromSeconds(30))).Should().BeTrue();
    }

    [Test]
    public async Task ErrorReporter_Clear_ForgetsReports()
    {
        var reporter = new InMemoryErrorReporter();
        await reporter.ReportAsync(new ErrorReport("op", "msg", "ctx"));

        reporter.Clear();

        reporter.Reports.Should().BeEmpty();
    }

    private sealed class SettableTimeProvider : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
