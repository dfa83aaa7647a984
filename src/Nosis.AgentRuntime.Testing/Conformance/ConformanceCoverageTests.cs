using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Fails when the test assembly that derives this class forgot to derive one of the conformance suites.</summary>
/// <remarks>
/// Derive it once in your adapter's test assembly. A contract your adapter does not implement (the optional turn lease, say)
/// goes in <see cref="SuitesNotImplemented"/>.
/// </remarks>
[TestFixture]
public abstract class ConformanceCoverageTests
{
    /// <summary>Gets the suites of contracts this adapter does not implement, which need not be derived.</summary>
    /// <value>The default is none.</value>
    protected virtual IEnumerable<Type> SuitesNotImplemented => [];

    /// <summary>Every suite in <see cref="ConformanceSuites.All"/> is derived in this assembly, unless listed in <see cref="SuitesNotImplemented"/>.</summary>
    [Test]
    public virtual void EveryConformanceSuite_IsDerivedInThisAssembly()
    {
        var assembly = GetType().Assembly;
        var exempt = SuitesNotImplemented.ToHashSet();
        var missing = ConformanceSuites.FindMissing(assembly).Where(t => !exempt.Contains(t)).Select(t => t.Name).ToList();

        Assert.That(
            missing,
            Is.Empty,
            $"Every contract your adapter implements must run its conformance suite: {string.Join(", ", missing)} is not derived in {assembly.GetName().Name}. Derive it, or list it in SuitesNotImplemented.");
    }
}
