
namespace Nosis.AgentRuntime.Execution.Tests;

public class ExecutionTargetsTests
{
    private static readonly string LongInput = new('x', 10_000);

    [TestCase(ExecutionTarget.Sandbox, ExecutionSurface.Worker, true)]
    [TestCase(ExecutionTarget.Sandbox, ExecutionSurface.Web, true)]
    [TestCase(ExecutionTarget.Sandbox, ExecutionSurface.Desktop, true)]
    [TestCase(ExecutionTarget.Local, ExecutionSurface.Worker, false)]
    [TestCase(ExecutionTarget.Local, ExecutionSurface.Web, false)]
    [TestCase(ExecutionTarget.Local, ExecutionSurface.Desktop, true)]
    public void IsSupportedOn_CapabilityTableRow_AnswersTheTable(ExecutionTarget target, ExecutionSurface surface, bool expected)
    {
        ExecutionTargets.IsSupportedOn(target, surface).Should().Be(expected);
    }

    [Test]
    public void SupportedOn_EachSurface_ListsExactlyTheTargetsItRuns()
    {
        ExecutionTargets.SupportedOn(ExecutionSurface.Worker).Should().Equal(ExecutionTarget.Sandbox);
        ExecutionTargets.SupportedOn(ExecutionSurface.Web).Should().Equal(ExecutionTarget.Sandbox);
        ExecutionTargets.SupportedOn(ExecutionSurface.Desktop).Should().Equal(ExecutionTarget.Sandbox, ExecutionTarget.Local);
    }

    [Test]
    public void SupportedOn_UndefinedSurface_Throws()
    {
        var act = () => ExecutionTargets.SupportedOn((ExecutionSurface)42);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void SupportedOn_AgreesWithIsSupportedOnForEveryPair()
    {
        foreach (var surface in Enum.GetValues<ExecutionSurface>())
        {
            foreach (var target in Enum.GetValues<ExecutionTarget>())
            {
                ExecutionTargets.SupportedOn(surface).Contains(target)
                    .Should().Be(ExecutionTargets.IsSupportedOn(target, surface), $"{target} on {surface}");
            }
        }
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("sandbox")]
    [TestCase("default")]
    public void CanonicalizeForCloud_AcceptedInput_GivesSandbox(string? input)
    {
        ExecutionTargets.CanonicalizeForCloud(input).Should().Be(ExecutionTarget.Sandbox);
        ExecutionTargets.TryCanonicalizeForCloud(input, out var target).Should().BeTrue();
        target.Should().Be(ExecutionTarget.Sandbox);
    }

    [TestCase("local")]
    [TestCase("host")]
    [TestCase("SANDBOX")]
    [TestCase(" sandbox")]
    [TestCase("sandbox ")]
    [TestCase("Default")]
    [TestCase("sandbox\0")]
    [TestCase("sand\nbox")]
    [TestCase("\u001b[31mred\u001b[0m")]
    [TestCase("песочница")]
    [TestCase("沙盒")]
    [TestCase("sandbox\u202e")]
    public void CanonicalizeForCloud_RefusedInput_ThrowsWithBoundedCleanMessage(string input)
    {
        var act = () => ExecutionTargets.CanonicalizeForCloud(input);

        var thrown = act.Should().Throw<UnsupportedExecutionTargetException>().Which;
        thrown.Message.Should().Contain("sandbox").And.Contain("accepted values");
        thrown.Message.Length.Should().BeLessThanOrEqualTo(200);
        thrown.Message.Any(char.IsControl).Should().BeFalse();
        thrown.Surface.Should().Be(ExecutionSurface.Worker);
        thrown.AcceptedValues.Should().Equal("sandbox");
        ExecutionTargets.TryCanonicalizeForCloud(input, out _).Should().BeFalse();
    }

    [Test]
    public void CanonicalizeForCloud_TenThousandCharacters_MessageShowsOnlyAShortPreview()
    {
        var act = () => ExecutionTargets.CanonicalizeForCloud(LongInput);

        var thrown = act.Should().Throw<UnsupportedExecutionTargetException>().Which;
        thrown.Message.Length.Should().BeLessThanOrEqualTo(200);
        thrown.Message.Should().Contain("10000 chars");
        thrown.ValuePreview!.Length.Should().BeLessThan(60);
    }

    [Test]
    public void CanonicalizeForCloud_TenThousandControlCharacters_MessageStaysWithin200Characters()
    {
        var act = () => ExecutionTargets.CanonicalizeForCloud(new string('\u0001', 10_000));

        var thrown = act.Should().Throw<UnsupportedExecutionTargetException>().Which;
        thrown.Message.Length.Should().BeLessThanOrEqualTo(200);
        thrown.Message.Any(char.IsControl).Should().BeFalse();
    }

    [Test]
    public void CanonicalizeForCloud_ControlCharacters_AreEscapedNotEchoed()
    {
        var act = () => ExecutionTargets.CanonicalizeForCloud("a\r\nb\tc");

        act.Should().Throw<UnsupportedExecutionTargetException>()
            .Which.ValuePreview.Should().Be("a\\u000D\\u000Ab\\u0009c");
    }

    [Test]
    public void CanonicalizeForCloud_NonAsciiLetters_AreKeptReadable()
    {
        var act = () => ExecutionTargets.CanonicalizeForCloud("café");

        act.Should().Throw<UnsupportedExecutionTargetException>().Which.ValuePreview.Should().Be("café");
    }

    [TestCase(ExecutionSurface.Desktop, "local", ExecutionTarget.Local)]
    [TestCase(ExecutionSurface.Desktop, "sandbox", ExecutionTarget.Sandbox)]
    [TestCase(ExecutionSurface.Desktop, "default", ExecutionTarget.Sandbox)]
    [TestCase(ExecutionSurface.Desktop, null, ExecutionTarget.Sandbox)]
    [TestCase(ExecutionSurface.Web, "", ExecutionTarget.Sandbox)]
    public void CanonicalizeFor_TargetTheSurfaceRuns_IsAccepted(ExecutionSurface surface, string? input, ExecutionTarget expected)
    {
        ExecutionTargets.CanonicalizeFor(surface, input).Should().Be(expected);
    }

    [TestCase(ExecutionSurface.Web, "local")]
    [TestCase(ExecutionSurface.Worker, "local")]
    [TestCase(ExecutionSurface.Desktop, "host")]
    public void CanonicalizeFor_TargetTheSurfaceDoesNotRun_NamesTheSurfaceAndAcceptedValues(ExecutionSurface surface, string input)
    {
        var act = () => ExecutionTargets.CanonicalizeFor(surface, input);

        var thrown = act.Should().Throw<UnsupportedExecutionTargetException>().Which;
        thrown.Message.Should().Contain(surface.ToString().ToLowerInvariant());
        thrown.AcceptedValues.Should().Equal(ExecutionTargets.SupportedOn(surface).Select(ExecutionTargets.ToWireName));
    }

    [TestCase("sandbox", ExecutionTarget.Sandbox)]
    [TestCase("default", ExecutionTarget.Sandbox)]
    [TestCase("local", ExecutionTarget.Local)]
    public void Parse_WireName_GivesTarget(string input, ExecutionTarget expected)
    {
        ExecutionTargets.Parse(input).Should().Be(expected);
        ExecutionTargets.TryParse(input, out var parsed).Should().BeTrue();
        parsed.Should().Be(expected);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("LOCAL")]
    [TestCase("remote")]
    public void Parse_NotAWireName_Throws(string? input)
    {
        var act = () => ExecutionTargets.Parse(input);

        act.Should().Throw<UnsupportedExecutionTargetException>()
            .Which.AcceptedValues.Should().Equal("sandbox", "local");
    }

    [Test]
    public void ToWireName_EveryTarget_IsCanonicalAndNeverTheLegacyName()
    {
        ExecutionTargets.All.Select(ExecutionTargets.ToWireName).Should().Equal("sandbox", "local");
        ExecutionTargets.ToWireName(ExecutionTargets.Parse("default")).Should().Be("sandbox");
    }

    [Test]
    public void ToWireName_RoundTripsThroughParse()
    {
        foreach (var target in ExecutionTargets.All)
        {
            ExecutionTargets.Parse(ExecutionTargets.ToWireName(target)).Should().Be(target);
        }
    }

    [Test]
    public void DefaultListFilter_IsSandbox()
    {
        ExecutionTargets.DefaultListFilter.Should().Be(ExecutionTarget.Sandbox);
    }
}
