using System.Reflection;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

/// <summary>The kit fails every seeded bug, with a message that names the guarantee and the likely cause; every kit check has one.</summary>
/// <remarks>
/// Each case calls a suite's test method directly. NUnit's Assert.ThrowsAsync runs it in an isolated context, so the kit's
/// failure is caught here and does not mark this test failed.
/// </remarks>
public class KitCatchesBugsTests
{
    public static IEnumerable<TestCaseData> Bugs => SeededBugs.All.Select(bug => new TestCaseData(bug).SetName($"Kit_Fails_{bug.Suite.Name}_{bug.Check}"));

    [TestCaseSource(nameof(Bugs))]
    public void Kit_FailsTheSeededBugWithAPlainMessage(SeededBug bug)
    {
        var suite = Activator.CreateInstance(bug.Suite)!;
        var check = bug.Suite.GetMethod(bug.Check, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{bug.Suite.Name} has no check {bug.Check}.");

        var failure = Assert.ThrowsAsync<AssertionException>(() => (Task)check.Invoke(suite, null)!, $"{bug} must fail");

        failure!.Message.Should().Contain(bug.Expected);
    }

    [Test]
    public void SeededBugs_EveryCheckOfEveryKitSuite_HasOneThatFailsIt()
    {
        var checks = ConformanceSuites.All
            .SelectMany(suite => suite.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.GetCustomAttribute<TestAttribute>() is not null)
                .Select(m => $"{suite.Name}.{m.Name}"))
            .ToList();
        var seeded = SeededBugs.All.Select(b => $"{KitSuiteOf(b.Suite).Name}.{b.Check}").ToHashSet(StringComparer.Ordinal);

        checks.Where(c => !seeded.Contains(c)).Should().BeEmpty("every kit check needs a deliberately wrong implementation that it is shown to fail");
        SeededBugs.All.Select(b => b.Suite).Distinct().Should().HaveCountGreaterThanOrEqualTo(35);
    }

    [Test]
    public void ReadThenWriteRegistry_PassesTheSequentialChecks_SoOnlyTheRaceCatchesIt()
    {
        var suite = new ReadThenWriteRegistrySuite();

        Assert.DoesNotThrowAsync(suite.TryClaimAgentIdAsync_AgentAlreadySet_ReturnsFalseAndKeepsExistingAgent);
        Assert.DoesNotThrowAsync(suite.TryClaimAgentIdAsync_UnknownConversation_ReturnsFalse);
    }

    [Test]
    public void InstanceLockedRegistry_PassesTheOneInstanceRace_SoOnlyTheTwoInstanceRaceCatchesIt()
    {
        Assert.DoesNotThrowAsync(new InstanceLockedRegistrySuite().TryClaimAgentIdAsync_ManyConcurrentClaims_ExactlyOneWinsAndEveryReadReturnsIt);
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

    private static Type KitSuiteOf(Type suite)
    {
        for (var type = suite; type is not null; type = type.BaseType)
        {
            if (ConformanceSuites.All.Contains(type))
            {
                return type;
            }
        }

        throw new InvalidOperationException($"{suite.Name} derives no kit suite.");
    }
}
