using Nosis.AgentRuntime.Claims;

namespace Nosis.AgentRuntime.Tests.Claims;

public sealed class OrphanAgentSweeperTests
{
    [Test]
    public async Task SweepAsync_CrashLeftAgents_AreDeletedAndClaimedOnesKept()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var old = DateTimeOffset.UtcNow.AddHours(-1);
        var crashed = harness.Registry.AddConversation();
        var orphanA = harness.Emulator.SeedAgent(Tags(crashed), old);
        var orphanB = harness.Emulator.SeedAgent(Tags(crashed), old);
        var claimedConversation = harness.Registry.AddConversation();
        var claimed = harness.Emulator.SeedAgent(Tags(claimedConversation), old);
        harness.Registry.Set(claimedConversation, claimed);
        var young = harness.Emulator.SeedAgent(Tags(harness.Registry.AddConversation()), DateTimeOffset.UtcNow);
        var foreign = harness.Emulator.SeedAgent(["someone-else"], old);

        var result = await harness.NewSweeper().SweepAsync();

        result.Should().Be(new OrphanSweepResult(Examined: 4, Deleted: 2, AlreadyGone: 0, Kept: 1, SkippedYoung: 1, SkippedUnverifiable: 0, Failed: 0));
        harness.Emulator.LiveAgents().Select(a => a.Id).Should().BeEquivalentTo(claimed, young, foreign);
        _ = (orphanA, orphanB);
    }

    [Test]
    public async Task SweepAsync_RegistryUnreachable_KeepsTheAgent()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = harness.Registry.AddConversation();
        var agent = harness.Emulator.SeedAgent(Tags(conversation), DateTimeOffset.UtcNow.AddHours(-1));
        harness.Registry.ReadFailure = _ => new TimeoutException("registry unreachable");

        var result = await harness.NewSweeper().SweepAsync();

        result.SkippedUnverifiable.Should().Be(1);
        harness.Emulator.LiveAgents().Should().ContainSingle().Which.Id.Should().Be(agent);
    }

    [Test]
    public async Task SweepAsync_SeveralInstancesAtOnce_DeleteEachOrphanOnceWithoutFailures()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var old = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < 10; i++)
        {
            harness.Emulator.SeedAgent(Tags(harness.Registry.AddConversation()), old);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => harness.NewSweeper().SweepAsync())));

        results.Sum(r => r.Deleted).Should().Be(10);
        results.Sum(r => r.Failed).Should().Be(0);
        harness.Emulator.LiveAgents().Should().BeEmpty();
        harness.Reporter.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task SweepAsync_DeleteFails_ReportsAndGoesOn()
    {
        await using var harness = await ClaimHarness.StartAsync();
        var conversation = harness.Registry.AddConversation();
        harness.Emulator.SeedAgent(Tags(conversation), DateTimeOffset.UtcNow.AddHours(-1));
        harness.Emulator.SeedAgent(Tags(conversation), DateTimeOffset.UtcNow.AddHours(-1));
        harness.Emulator.Faults.FailNext(Emulator.LettaEmulatorEndpoint.DeleteAgent, 503);

        var result = await harness.NewSweeper().SweepAsync();

        (result.Deleted, result.Failed).Should().Be((1, 1));
        harness.Reporter.Reports.Should().ContainSingle().Which.Context.Should().Be($"conversation={conversation}");
    }

    [Test]
    public async Task SweepAsync_MoreAgentsThanTheBound_ExaminesOnlyTheBound()
    {
        await using var harness = await ClaimHarness.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            harness.Emulator.SeedAgent(Tags(harness.Registry.AddConversation()), DateTimeOffset.UtcNow.AddHours(-1));
        }

        var sweeper = harness.NewSweeper();
        sweeper.MaxAgentsPerSweep = 5;
        var result = await sweeper.SweepAsync();

        result.Examined.Should().Be(5);
        harness.Emulator.LiveAgents().Should().HaveCount(2);
    }

    private static string[] Tags(string conversationId) => [AgentTags.Runtime, AgentTags.ForConversation(conversationId)];
}
