using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Tests.Claims;

public sealed class AgentClaimServiceTests
{
    [Test]
    public async Task ResolveOrCreateAgentIdAsync_ExistingAgent_MakesNoRemoteCall()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = new ConversationRuntime(harness.Registry.AddConversation("agent-existing"), "user_1", "office_1");

        var id = await harness.NewService().ResolveOrCreateAgentIdAsync(conversation);

        id.Should().Be("agent-existing");
        harness.Emulator.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_64ConcurrentCallersInOneInstance_CreateOneAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateAgent, TimeSpan.FromMilliseconds(100));
        var service = harness.NewService();
        var conversation = harness.NewConversation();

        var ids = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => service.ResolveOrCreateAgentIdAsync(conversation))));

        harness.Emulator.CreateCalls.Should().Be(1);
        ids.Distinct().Should().ContainSingle().Which.Should().Be(await harness.Registry.GetAgentIdAsync(conversation.ConversationId));
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_FourInstancesSharingARegistry_AgreeAndLeaveOneAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateAgent, TimeSpan.FromMilliseconds(50));
        var services = Enumerable.Range(0, 4).Select(_ => harness.NewService()).ToList();
        var conversation = harness.NewConversation();

        var ids = await Task.WhenAll(services.SelectMany(s => Enumerable.Range(0, 16).Select(_ => Task.Run(() => s.ResolveOrCreateAgentIdAsync(conversation)))));
        await harness.Scheduler.DrainAsync();

        ids.Should().HaveCount(64);
        var winner = ids.Distinct().Should().ContainSingle().Subject;
        harness.Emulator.CreateCalls.Should().BeInRange(1, 4, "each instance creates at most once");
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(winner);
        harness.Reporter.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_CreateFails503Twice_RetriesAndSucceeds()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, count: 2, retryAfter: TimeSpan.Zero);
        var conversation = harness.NewConversation();

        var id = await harness.NewService().ResolveOrCreateAgentIdAsync(conversation);
        await harness.Scheduler.DrainAsync();

        harness.Emulator.CreateCalls.Should().Be(3);
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(id);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_RateLimitedWithRetryAfter_WaitsAsAsked()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 429, retryAfter: TimeSpan.FromSeconds(1));
        var conversation = harness.NewConversation();
        var started = DateTime.UtcNow;

        await harness.NewService().ResolveOrCreateAgentIdAsync(conversation);

        (DateTime.UtcNow - started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900));
        harness.Emulator.CreateCalls.Should().Be(2);
    }

    [TestCase(LostResponseKind.ResetConnection)]
    [TestCase(LostResponseKind.Stall)]
    public async Task ResolveOrCreateAgentIdAsync_CreateResponseLost_AdoptsTheCreatedAgent(LostResponseKind kind)
    {
        await using var harness = await ClaimHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(500));
        harness.Emulator.Faults.LoseNextCreateResponse(kind);
        var conversation = harness.NewConversation();

        var id = await harness.NewService().ResolveOrCreateAgentIdAsync(conversation);
        await harness.Scheduler.DrainAsync();

        harness.Emulator.CreateCalls.Should().Be(1, "the agent was found by its creation tag instead of created again");
        harness.Emulator.AgentsCreated.Should().Be(1);
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(id);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_Create400_ThrowsClearErrorWithoutRetry()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 400, body: "{\"detail\":\"Model handle must be provider/model-name.\"}");

        var thrown = await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(harness.NewConversation()))
            .Should().ThrowAsync<LettaApiException>();

        thrown.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        thrown.Which.Message.Should().Contain("400").And.Contain("Model handle must be provider/model-name.");
        harness.Emulator.CreateCalls.Should().Be(1);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_Create409_ThrowsAgentBusy()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 409);
        var conversation = harness.NewConversation();

        var thrown = await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation)).Should().ThrowAsync<AgentBusyException>();

        thrown.Which.ConversationId.Should().Be(conversation.ConversationId);
        harness.Emulator.CreateCalls.Should().Be(1);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_ClaimThrowsAfterCreate_DeletesTheAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Registry.BeforeClaim = (_, _) => throw new InvalidOperationException("database is down");
        var conversation = harness.NewConversation();

        await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("database is down");
        await harness.Scheduler.DrainAsync();

        harness.Emulator.AgentsCreated.Should().Be(1);
        harness.AgentsOf(conversation.ConversationId).Should().BeEmpty();
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_CachedReadIsStaleAfterAnEarlierClaim_AdoptsTheClaimedAgentWithoutCreatingAnother()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = harness.NewConversation();
        var service = harness.NewService();
        var first = await service.ResolveOrCreateAgentIdAsync(conversation);
        harness.Registry.StaleCachedReads = true;

        var second = await service.ResolveOrCreateAgentIdAsync(conversation);

        second.Should().Be(first);
        harness.Emulator.AgentsCreated.Should().Be(1, "a creation reads the registry afresh before it creates");
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_ClaimLandsButItsAnswerIsLost_KeepsTheClaimedAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Registry.BeforeClaim = (conversationId, agentId) =>
        {
            harness.Registry.Set(conversationId, agentId);
            throw new InvalidOperationException("connection reset after the update committed");
        };
        var conversation = harness.NewConversation();

        await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation))
            .Should().ThrowAsync<InvalidOperationException>();
        await harness.Scheduler.DrainAsync();

        var claimed = await harness.Registry.ReadClaimedAgentIdAsync(conversation.ConversationId);
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(claimed);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_ClaimThrowsAndTheRegistryIsUnreadable_KeepsTheAgentForTheSweeper()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Registry.BeforeClaim = (_, _) =>
        {
            harness.Registry.ReadFailure = _ => new InvalidOperationException("database is still down");
            throw new InvalidOperationException("database is down");
        };
        var conversation = harness.NewConversation();

        await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation))
            .Should().ThrowAsync<InvalidOperationException>();
        await harness.Scheduler.DrainAsync();

        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle("an agent that may be claimed is never deleted blind");
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_CallerCancelsAfterCreateStarted_DeletesTheAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateAgent, TimeSpan.FromMilliseconds(300));
        var conversation = harness.NewConversation();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation, cancel.Token))
            .Should().ThrowAsync<OperationCanceledException>();
        await WaitUntilAsync(() => harness.Emulator.AgentsCreated == 1 && !harness.Scheduler.Scheduled.IsEmpty);
        await harness.Scheduler.DrainAsync();

        harness.AgentsOf(conversation.ConversationId).Should().BeEmpty();
        (await harness.Registry.GetAgentIdAsync(conversation.ConversationId)).Should().BeNull();
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_OneCallerCancels_OthersStillGetTheAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        harness.Emulator.Faults.SetLatency(LettaEmulatorEndpoint.CreateAgent, TimeSpan.FromMilliseconds(200));
        var service = harness.NewService();
        var conversation = harness.NewConversation();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var cancelled = service.ResolveOrCreateAgentIdAsync(conversation, cancel.Token);
        var patient = service.ResolveOrCreateAgentIdAsync(conversation);

        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        var id = await patient;
        await harness.Scheduler.DrainAsync();
        harness.AgentsOf(conversation.ConversationId).Should().ContainSingle().Which.Id.Should().Be(id);
        harness.Emulator.CreateCalls.Should().Be(1);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_LostClaimAndOrphanDeleteFails_ReportsWithConversationContext()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = harness.NewConversation();
        harness.Registry.BeforeClaim = (conversationId, _) =>
        {
            harness.Registry.Set(conversationId, "agent-winner");
            return Task.CompletedTask;
        };
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.DeleteAgent, 500);

        var id = await harness.NewService().ResolveOrCreateAgentIdAsync(conversation);
        await harness.Scheduler.DrainAsync();

        id.Should().Be("agent-winner");
        var report = harness.Reporter.Reports.Should().ContainSingle().Subject;
        report.Context.Should().Be($"conversation={conversation.ConversationId}");
        report.Operation.Should().Be("delete-orphan-agent");
        report.ErrorType.Should().Be(typeof(LettaApiException).FullName);
    }

    [Test]
    public async Task ResolveOrCreateAgentIdAsync_LostClaimWithoutWinner_ThrowsClaimException()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = new ConversationRuntime("conv_missing", "user_1", "office_1");

        var thrown = await FluentActions.Awaiting(() => harness.NewService().ResolveOrCreateAgentIdAsync(conversation)).Should().ThrowAsync<AgentClaimException>();
        await harness.Scheduler.DrainAsync();

        thrown.Which.ConversationId.Should().Be("conv_missing");
        harness.AgentsOf("conv_missing").Should().BeEmpty("the unclaimed agent is deleted");
    }

    [Test]
    public async Task Failures_NeverCarryTheApiKey()
    {
        await using var harness = await ClaimHarness.StartAsync(o => o.MaxRetries = 1);
        var texts = new List<string>();

        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 400, body: $"{{\"detail\":\"bad key {ClaimHarness.ApiKey} echoed\"}}");
        texts.Add((await Capture(() => harness.NewService().ResolveOrCreateAgentIdAsync(harness.NewConversation()))).ToString());

        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.CreateAgent, 503, count: 2);
        texts.Add((await Capture(() => harness.NewService().ResolveOrCreateAgentIdAsync(harness.NewConversation()))).ToString());

        harness.Registry.BeforeClaim = (conversationId, _) =>
        {
            harness.Registry.Set(conversationId, "agent-winner");
            return Task.CompletedTask;
        };
        harness.Emulator.Faults.FailNext(LettaEmulatorEndpoint.DeleteAgent, 500, body: $"{{\"error\":{{\"message\":\"token {ClaimHarness.ApiKey} rejected\"}}}}");
        await harness.NewService().ResolveOrCreateAgentIdAsync(harness.NewConversation());
        await harness.Scheduler.DrainAsync();

        harness.Reporter.Reports.Should().NotBeEmpty();
        texts.Concat(harness.Transcript()).Should().NotBeEmpty().And.OnlyContain(t => !t.Contains(ClaimHarness.ApiKey, StringComparison.Ordinal));
        texts[0].Should().Contain("[redacted]");
    }

    [Test]
    public void NameFor_ConversationIdWithOddCharacters_KeepsOnlyAllowedCharacters()
    {
        var name = AgentClaimService.NameFor("c/1:ü x_y-z" + new string('a', 100));

        name.Should().MatchRegex("^[A-Za-z0-9 _-]+$").And.StartWith("nosis-c-1---x_y-z");
        name.Length.Should().BeLessThanOrEqualTo(64);
    }

    private static async Task<Exception> Capture(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new AssertionException("expected a failure");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold within 10 s");
            await Task.Delay(20);
        }
    }
}
