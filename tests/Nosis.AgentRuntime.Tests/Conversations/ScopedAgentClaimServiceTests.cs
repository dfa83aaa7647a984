using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Tests.Claims;

namespace Nosis.AgentRuntime.Tests.Conversations;

public sealed class ScopedAgentClaimServiceTests
{
    [Test]
    public async Task ResolveTargetAsync_TwoThreadsOfOneUser_ShareOneAgentInTwoLettaConversations()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var service = harness.NewScopedService();
        var first = ClaimHarness.NewThread("user_1");
        var second = ClaimHarness.NewThread("user_1");

        var a = await service.ResolveTargetAsync(first);
        var b = await service.ResolveTargetAsync(second);

        b.AgentId.Should().Be(a.AgentId);
        a.LettaConversationId.Should().NotBeNull().And.NotBe(b.LettaConversationId);
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Tags.Should().Contain([AgentTags.Shared, "nosis-scope:office:office_1/user:user_1"]);
        harness.Emulator.LiveConversations().Select(c => (c.Id, c.AgentId)).Should().BeEquivalentTo([(a.LettaConversationId!, a.AgentId), (b.LettaConversationId!, a.AgentId)]);
        ConversationMarkers.ConversationOf(harness.Emulator.LiveConversations()[0].Description).Should().Be(first.ConversationId);
    }

    [Test]
    public async Task ResolveTargetAsync_UserAndOfficeScopes_KeyTheAgentByOfficeAndUser()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var service = harness.NewScopedService();

        var ada = await service.ResolveTargetAsync(ClaimHarness.NewThread("ada"));
        var bob = await service.ResolveTargetAsync(ClaimHarness.NewThread("bob"));
        var officeByAda = await service.ResolveTargetAsync(ClaimHarness.NewThread("ada", AgentScope.Office));
        var officeByBob = await service.ResolveTargetAsync(ClaimHarness.NewThread("bob", AgentScope.Office));
        var otherOffice = await service.ResolveTargetAsync(ClaimHarness.NewThread("ada", AgentScope.Office, "office_2"));

        new[] { ada.AgentId, bob.AgentId, officeByAda.AgentId, otherOffice.AgentId }.Should().OnlyHaveUniqueItems();
        officeByBob.AgentId.Should().Be(officeByAda.AgentId);
        harness.Emulator.LiveConversations().Should().HaveCount(5);
    }

    [Test]
    public async Task ResolveTargetAsync_ConversationScope_UsesAnAgentOfItsOwnWithoutLettaConversation()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = harness.NewConversation();

        var target = await harness.NewScopedService().ResolveTargetAsync(conversation);

        target.LettaConversationId.Should().BeNull();
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(target.AgentId);
        harness.Emulator.LiveConversations().Should().BeEmpty();
    }

    [Test]
    public async Task ResolveTargetAsync_16CallersInEachOfFourInstances_AgreeOnOneAgentAndOneConversationAndLeakNothing()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateAgent, TimeSpan.FromMilliseconds(50));
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateConversation, TimeSpan.FromMilliseconds(50));
        var services = Enumerable.Range(0, 4).Select(_ => harness.NewScopedService()).ToList();
        var thread = ClaimHarness.NewThread("user_1");

        var targets = await Task.WhenAll(services.SelectMany(s => Enumerable.Range(0, 16).Select(_ => Task.Run(() => s.ResolveTargetAsync(thread)))));
        await harness.Scheduler.DrainAsync();

        var winner = targets.Distinct().Should().ContainSingle().Subject;
        harness.Emulator.CreateCalls.Should().BeInRange(1, 4, "each instance creates at most once");
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Id.Should().Be(winner.AgentId);
        harness.Emulator.LiveConversations().Should().ContainSingle().Which.Id.Should().Be(winner.LettaConversationId);
        harness.SharedRegistry.LettaConversations[thread.ConversationId].Should().Be(winner.LettaConversationId);
        harness.Reporter.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task ResolveTargetAsync_ConversationCreateFails503Twice_RetriesAndMakesOne()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateConversation, 503, count: 2, retryAfter: TimeSpan.Zero);

        var target = await harness.NewScopedService().ResolveTargetAsync(ClaimHarness.NewThread("user_1"));
        await harness.Scheduler.DrainAsync();

        harness.Emulator.LiveConversations().Should().ContainSingle().Which.Id.Should().Be(target.LettaConversationId);
    }

    [TestCase(LostResponseKind.ResetConnection)]
    [TestCase(LostResponseKind.Stall)]
    public async Task ResolveTargetAsync_ConversationCreateResponseLost_AdoptsTheCreatedConversation(LostResponseKind kind)
    {
        await using var harness = await ClaimHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        harness.Emulator.Faults.LoseNextConversationCreateResponse(kind);

        var target = await harness.NewScopedService().ResolveTargetAsync(ClaimHarness.NewThread("user_1"));
        await harness.Scheduler.DrainAsync();

        harness.Emulator.ConversationsCreated.Should().Be(1, "the conversation made by the lost call is adopted, not made again");
        harness.Emulator.LiveConversations().Should().ContainSingle().Which.Id.Should().Be(target.LettaConversationId);
    }

    [Test]
    public async Task ResolveTargetAsync_SharedAgentCreateResponseLost_AdoptsTheCreatedAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.LoseNextCreateResponse();

        var target = await harness.NewScopedService().ResolveTargetAsync(ClaimHarness.NewThread("user_1"));

        harness.Emulator.AgentsCreated.Should().Be(1);
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Id.Should().Be(target.AgentId);
    }

    [Test]
    public async Task ResolveTargetAsync_CreateKeepsFailing_DeletesWhatAmbiguousCallsMadeAndThrows()
    {
        await using var harness = await ClaimHarness.StartAsync(o => o.MaxRetries = 1);
        harness.Emulator.Faults.LoseNextConversationCreateResponse(count: 1);
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.ListConversations, 500, count: 1);

        var resolve = () => harness.NewScopedService().ResolveTargetAsync(ClaimHarness.NewThread("user_1"));

        await resolve.Should().ThrowAsync<Exception>();
        await harness.Scheduler.DrainAsync();
        harness.Emulator.ConversationsCreated.Should().Be(1);
        harness.Emulator.LiveConversations().Should().BeEmpty("the conversation of the lost call is deleted in the background");
    }

    [Test]
    public async Task ReplaceLostTargetAsync_OnlyTheConversationLost_KeepsTheAgentAndTheOtherThreads()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var service = harness.NewScopedService();
        var lostThread = ClaimHarness.NewThread("user_1");
        var otherThread = ClaimHarness.NewThread("user_1");
        var lost = await service.ResolveTargetAsync(lostThread);
        var other = await service.ResolveTargetAsync(otherThread);
        await harness.NewClient().DeleteConversationAsync(lost.LettaConversationId!);

        var replaced = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.NewScopedService().ReplaceLostTargetAsync(lostThread, lost, agentLost: false)));
        await harness.Scheduler.DrainAsync();

        var replacement = replaced.Distinct().Should().ContainSingle().Subject;
        replacement.AgentId.Should().Be(lost.AgentId);
        replacement.LettaConversationId.Should().NotBe(lost.LettaConversationId);
        harness.Emulator.LiveConversations().Select(c => c.Id).Should().BeEquivalentTo(other.LettaConversationId, replacement.LettaConversationId);
        (await service.ResolveTargetAsync(otherThread)).Should().Be(other);
    }

    [Test]
    public async Task ReplaceLostTargetAsync_SharedAgentLost_ReplacesItOnceForEveryThread()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var service = harness.NewScopedService();
        var first = ClaimHarness.NewThread("user_1");
        var second = ClaimHarness.NewThread("user_1");
        var lostFirst = await service.ResolveTargetAsync(first);
        var lostSecond = await service.ResolveTargetAsync(second);
        await harness.NewClient().DeleteAgentAsync(lostFirst.AgentId);

        var a = await service.ReplaceLostTargetAsync(first, lostFirst, agentLost: true);
        var b = await harness.NewScopedService().ReplaceLostTargetAsync(second, lostSecond, agentLost: true);
        await harness.Scheduler.DrainAsync();

        b.AgentId.Should().Be(a.AgentId).And.NotBe(lostFirst.AgentId);
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Id.Should().Be(a.AgentId);
        harness.Emulator.LiveConversations().Select(c => (c.Id, c.AgentId)).Should().BeEquivalentTo([(a.LettaConversationId!, a.AgentId), (b.LettaConversationId!, a.AgentId)]);
    }

    [Test]
    public async Task SweepAsync_CrashBetweenCreateAndClaim_DeletesTheOrphansAfterTheGracePeriodOnly()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var thread = ClaimHarness.NewThread("user_1");
        var kept = await harness.NewScopedService().ResolveTargetAsync(thread);
        var crashing = new CrashingRegistry(harness.SharedRegistry);
        var crashedThread = ClaimHarness.NewThread("user_1");
        var crashedScope = ClaimHarness.NewThread("user_2");
        var dead = new DeadProcessScheduler(); // the process died: its background deletions never run
        await FluentActions.Awaiting(() => harness.NewScopedService(crashing, dead).ResolveTargetAsync(crashedThread)).Should().ThrowAsync<InvalidOperationException>();
        await FluentActions.Awaiting(() => harness.NewScopedService(crashing, dead).ResolveTargetAsync(crashedScope)).Should().ThrowAsync<InvalidOperationException>();

        var early = await harness.NewSharedSweeper().SweepAsync();
        var late = await harness.NewSharedSweeper(ahead: TimeSpan.FromMinutes(11)).SweepAsync();

        early.AgentsDeleted.Should().Be(0);
        early.ConversationsDeleted.Should().Be(0);
        late.Should().Match<SharedScopeSweepResult>(r => r.AgentsDeleted == 1 && r.ConversationsDeleted == 1 && r.Failed == 0);
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Id.Should().Be(kept.AgentId);
        harness.Emulator.LiveConversations().Should().ContainSingle().Which.Id.Should().Be(kept.LettaConversationId);
    }

    private sealed class DeadProcessScheduler : IBackgroundScheduler
    {
        public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    /// <summary>Claims throw after the resource was created, as a process that crashed between create and claim leaves it.</summary>
    private sealed class CrashingRegistry(ISharedAgentRegistry inner) : ISharedAgentRegistry
    {
        public Task<string?> ReadSharedAgentIdAsync(SharedAgentKey key, CancellationToken cancellationToken = default) => inner.ReadSharedAgentIdAsync(key, cancellationToken);

        public Task<bool> TryClaimSharedAgentIdAsync(SharedAgentKey key, string agentId, CancellationToken cancellationToken = default) =>
            key.UserId == "user_2" ? throw new InvalidOperationException("crash") : inner.TryClaimSharedAgentIdAsync(key, agentId, cancellationToken);

        public Task<bool> TryReplaceSharedAgentIdAsync(SharedAgentKey key, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
            inner.TryReplaceSharedAgentIdAsync(key, expectedAgentId, newAgentId, cancellationToken);

        public Task<string?> ReadLettaConversationIdAsync(string conversationId, CancellationToken cancellationToken = default) => inner.ReadLettaConversationIdAsync(conversationId, cancellationToken);

        public Task<bool> TryClaimLettaConversationIdAsync(string conversationId, string lettaConversationId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("crash");

        public Task<bool> TryReplaceLettaConversationIdAsync(string conversationId, string expectedLettaConversationId, string newLettaConversationId, CancellationToken cancellationToken = default) =>
            inner.TryReplaceLettaConversationIdAsync(conversationId, expectedLettaConversationId, newLettaConversationId, cancellationToken);
    }
}
