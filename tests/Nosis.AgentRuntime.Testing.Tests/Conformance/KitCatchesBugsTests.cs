using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

/// <summary>The kit fails real bugs, every run, with a message that says what the contract requires.</summary>
/// <remarks>
/// Each test calls a suite's test method directly. NUnit's Assert.ThrowsAsync runs it in an isolated context, so the kit's
/// failure is caught here and does not mark this test failed.
/// </remarks>
public class KitCatchesBugsTests
{
    private const int Runs = 10;

    [Test]
    public void RegistrySuite_ReadThenWriteRegistry_FailsTheRaceEveryRun()
    {
        for (var run = 0; run < Runs; run++)
        {
            var suite = new ReadThenWriteRegistrySuite();

            var failure = Assert.ThrowsAsync<AssertionException>(suite.TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt, $"run {run}");

            failure!.Message.Should().Contain("TryClaimAgentIdAsync must be a compare-and-set").And.Contain("concurrent claims won; exactly one may win.");
        }
    }

    [Test]
    public void RegistrySuite_LastWriterWinsRegistry_FailsTheRaceEveryRun()
    {
        for (var run = 0; run < Runs; run++)
        {
            var suite = new LastWriterWinsRegistrySuite();

            var failure = Assert.ThrowsAsync<AssertionException>(suite.TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt, $"run {run}");

            failure!.Message.Should().Contain("32 of 32 concurrent claims won; exactly one may win.");
        }
    }

    [Test]
    public void RegistrySuite_LastWriterWinsReplace_FailsTheReplacementRace()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new LastWriterWinsRegistrySuite().TryReplaceAgentIdAsync_ManyConcurrentReplacements_ExactlyOneWinsAndEveryReadReturnsIt);

        failure!.Message.Should().Contain("32 of 32 concurrent replacements won; exactly one may win.");
    }

    [Test]
    public void RegistrySuite_LastWriterWinsReplace_FailsTheExpectedAgentCheck()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new LastWriterWinsRegistrySuite().TryReplaceAgentIdAsync_ExpectedAgentNotHeld_ReturnsFalseAndKeepsAgent);

        failure!.Message.Should().Contain("must not set an agent on a conversation that has none");
    }

    [Test]
    public void RegistrySuite_LastWriterWinsRegistry_FailsTheNoOverwriteCheck()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new LastWriterWinsRegistrySuite().TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent);

        failure!.Message.Should().Contain("must return false when the conversation already has an agent");
    }

    [Test]
    public void RegistrySuite_ReadThenWriteRegistry_PassesTheSequentialChecks()
    {
        // The race is the only bug: sequential use looks right, which is why only the concurrent check can catch it.
        var suite = new ReadThenWriteRegistrySuite();

        Assert.DoesNotThrowAsync(suite.TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent);
        Assert.DoesNotThrowAsync(suite.TryClaimAgentIdAsync_UnknownConversation_ReturnsFalse);
    }

    [Test]
    public void MessageStoreSuite_CompletionDroppingStore_FailsTheCompletionRoundTrip()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new CompletionDroppingStoreSuite().SaveAssistantMessageAsync_EachCompletionKind_RoundTrips);

        failure!.Message.Should().Contain("A message store must keep how a reply ended: a reply saved as Aborted was read back as Completed.");
    }

    [Test]
    public void MessageStoreSuite_CompletionDroppingStore_PassesTheOtherChecks()
    {
        Assert.DoesNotThrowAsync(new CompletionDroppingStoreSuite().Saves_InterleavedUserAndAssistantMessages_AreAllReadBackInOrder);
    }

    [Test]
    public void SchedulerSuite_SwallowingScheduler_FailsTheReportingAndShutdownChecks()
    {
        var suite = new SwallowingSchedulerSuite();

        var lost = Assert.ThrowsAsync<AssertionException>(suite.ScheduleAsync_WorkThrows_FailureIsReportedWithNameAndContext);
        var accepted = Assert.ThrowsAsync<AssertionException>(suite.ScheduleAsync_AfterShutdown_ThrowsInvalidOperationException);

        lost!.Message.Should().Contain("Work that throws must be reported with its name as the operation and its context, never lost");
        accepted!.Message.Should().Contain("must refuse work with an InvalidOperationException").And.Contain("it accepted it");
    }

    [Test]
    public void ToolLoaderSuite_ScopeIgnoringLoader_FailsTheScopeChecks()
    {
        var suite = new ScopeIgnoringLoaderSuite();

        var sandbox = Assert.ThrowsAsync<AssertionException>(suite.LoadToolsAsync_SandboxTarget_LoadsGlobalAndSandboxToolsOnly);
        var local = Assert.ThrowsAsync<AssertionException>(suite.LoadToolsAsync_LocalTarget_LoadsGlobalAndLocalToolsOnly);

        sandbox!.Message.Should().Contain("A loader must load exactly the tools whose scope the target includes (global, sandbox)");
        local!.Message.Should().Contain("(global, local)");
    }

    [Test]
    public void TurnLeaseSuite_AnyoneReleasesStore_FailsTheOwnerChecks()
    {
        var suite = new AnyoneReleasesLeaseSuite();

        var release = Assert.ThrowsAsync<AssertionException>(suite.ReleaseAsync_ByOtherOwner_DoesNothing);
        var renew = Assert.ThrowsAsync<AssertionException>(suite.RenewAsync_ByOtherOwner_ReturnsFalseAndLeavesTheLease);

        release!.Message.Should().Contain("ReleaseAsync by an owner that does not hold the lease must do nothing");
        renew!.Message.Should().Contain("RenewAsync must fail for an owner that does not hold the lease.");
    }

    [Test]
    public void ErrorReporterSuite_ReporterThatKeepsNothing_FailsTheKeepCheck()
    {
        var failure = Assert.ThrowsAsync<AssertionException>(new InMemoryReporterButLosingSuite().ReportAsync_Report_IsKeptWithOperationMessageContextAndType);

        failure!.Message.Should().Contain("An error reporter must keep each report once: 1 reported, 0 kept.");
    }

    [Test]
    public void RegistrySuite_CorrectRegistry_PassesTheRaceEveryRun()
    {
        for (var run = 0; run < Runs; run++)
        {
            Assert.DoesNotThrowAsync(new InMemoryAgentIdRegistryConformanceTests().TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt, $"run {run}");
        }
    }

    [Test]
    public void FindMissing_AssemblyWithoutSuites_ListsEverySuite()
    {
        ConformanceSuites.FindMissing(typeof(string).Assembly).Should().Equal(ConformanceSuites.All);
    }

    [Test]
    public void FindMissing_ThisAssembly_ListsNone()
    {
        ConformanceSuites.FindMissing(typeof(KitCatchesBugsTests).Assembly).Should().BeEmpty();
    }
}
