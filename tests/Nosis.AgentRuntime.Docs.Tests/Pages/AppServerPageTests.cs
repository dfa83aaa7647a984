namespace Nosis.AgentRuntime.Docs.Tests.Pages;

/// <summary>docs/app-server.md: its host, copied as written, builds from the packed packages and resolves its own tool policy.</summary>
[Category("Docs")]
public sealed class AppServerPageTests
{
    private static string PagePath => Path.Combine(DocsPackageFeed.RepositoryRoot, "docs", "app-server.md");

    [Test]
    public void EveryCSharpBlock_IsPartOfACompilationOrSkippedWithAReason()
    {
        DocCompilation.FindUnmarkedCSharp(PagePath).Select(b => $"line {b.Line}").Should().BeEmpty(
            "every C# block of the page is compiled, or carries <!-- docs-test: skip because … -->");
    }

    [Test]
    public async Task Host_AsWritten_BuildsFromThePackagesAndUsesItsOwnToolPolicy()
    {
        var compilation = DocCompilation.ReadAll(PagePath)["app-server-host"];
        compilation.Project.Should().NotBeNull("the page shows its project file");
        var project = await DocProject.WriteAsync(DocsPackageFeed.Feed, compilation);

        var (buildExit, buildOutput) = await project.BuildAsync();
        buildExit.Should().Be(0, buildOutput);
        var (runExit, runOutput) = await project.RunAsync();

        runExit.Should().Be(0, runOutput);
        runOutput.Should().Contain("ReadOnlyOnLocal");
    }
}
