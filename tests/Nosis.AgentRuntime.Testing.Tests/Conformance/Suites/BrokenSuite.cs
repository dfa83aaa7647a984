namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>Why every suite over a deliberately wrong implementation is explicit: it must fail; <see cref="KitCatchesBugsTests"/> drives it.</summary>
internal static class BrokenSuite
{
    public const string Reason = "Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.";
}
