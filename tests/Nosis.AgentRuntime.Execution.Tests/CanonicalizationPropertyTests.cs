using FsCheck;
using FsCheck.Fluent;

namespace Nosis.AgentRuntime.Execution.Tests;

public class CanonicalizationPropertyTests
{
    [Test]
    public void CanonicalizeForCloud_AnyString_GivesSandboxOrThrowsOnlyTheRefusedTargetExceptionWithACleanShortMessage()
    {
        var interesting = Gen.Elements("sandbox", "default", "local", "SANDBOX", " sandbox", "\u0000", "\u202e", "\ud800");
        var strings = Gen.OneOf(ArbMap.Default.GeneratorFor<string>(), interesting,
            Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(cs => new string(cs)));

        Prop.ForAll(strings.ToArbitrary(), CanonicalizesOrRefusesCleanly)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(2_000));
    }

    private static bool CanonicalizesOrRefusesCleanly(string? input)
    {
        try
        {
            return ExecutionTargets.CanonicalizeForCloud(input) == ExecutionTarget.Sandbox;
        }
        catch (UnsupportedExecutionTargetException refused)
        {
            return refused.Message.Length <= 200 && !refused.Message.Any(char.IsControl);
        }
    }
}
