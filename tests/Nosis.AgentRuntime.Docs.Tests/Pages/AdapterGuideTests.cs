namespace Nosis.AgentRuntime.Docs.Tests.Pages;

/// <summary>docs/adapter-guide.md: its project file and C# blocks, copied as written, make a test project that runs the kit and passes.</summary>
[Category("Docs")]
public sealed class AdapterGuideTests
{
    private static string GuidePath => Path.Combine(DocsPackageFeed.RepositoryRoot, "docs", "adapter-guide.md");

    [Test]
    public void EveryCSharpBlock_IsPartOfACompilationOrSkippedWithAReason()
    {
        DocCompilation.FindUnmarkedCSharp(GuidePath).Select(b => $"line {b.Line}").Should().BeEmpty(
            "every C# block of the guide is compiled, or carries <!-- docs-test: skip because … -->");
    }

    [Test]
    public async Task WorkedExample_AsWrittenInTheGuide_BuildsFromThePackagesAndPassesTheKit()
    {
        var compilation = DocCompilation.ReadAll(GuidePath)["sqlite-adapter"];
        compilation.Project.Should().NotBeNull("the guide shows the adapter's test project file");
        var project = await DocProject.WriteAsync(DocsPackageFeed.Feed, compilation);

        var (buildExit, buildOutput) = await project.BuildAsync();
        buildExit.Should().Be(0, buildOutput);
        var (testExit, testOutput) = await project.TestAsync();

        testExit.Should().Be(0, testOutput);
        testOutput.Should().MatchRegex(@"Passed!\s+-\s+Failed:\s+0, Passed:\s+[1-9]\d*, Skipped:\s+0", "the kit's registry suite ran in full against the guide's registry");
    }
}
