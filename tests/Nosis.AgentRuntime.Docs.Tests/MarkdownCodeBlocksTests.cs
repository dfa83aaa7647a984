namespace Nosis.AgentRuntime.Docs.Tests;

public sealed class MarkdownCodeBlocksTests
{
    private string _path = null!;

    [SetUp]
    public void CreateFile() => _path = Path.Combine(Path.GetTempPath(), $"docs-test-{Guid.NewGuid():N}.md");

    [TearDown]
    public void DeleteFile() => File.Delete(_path);

    [Test]
    public void ReadAll_MarkedBlocks_GroupIntoCompilationsInPageOrder()
    {
        File.WriteAllText(_path, """
            # Page

            <!-- docs-test: demo -->
            ```xml
            <Project />
            ```

            Text between.

            <!-- docs-test: demo file=First.cs -->

            ```csharp
            class First { }
            ```

            <!-- docs-test: other -->
            ```csharp
            class Other { }
            ```

            <!-- docs-test: demo -->
            ```cs
            class Second { }
            ```
            """);

        var compilations = DocCompilation.ReadAll(_path);

        compilations.Keys.Should().BeEquivalentTo("demo", "other");
        compilations["demo"].Project!.Code.Should().Be("<Project />\n");
        compilations["demo"].Sources.Select(s => s.Code).Should().Equal("class First { }\n", "class Second { }\n");
        compilations["demo"].Sources[0].Marker!.FileName.Should().Be("First.cs");
        compilations["other"].Project.Should().BeNull();
    }

    [Test]
    public void FindUnmarkedCSharp_MarkerSeparatedByText_DoesNotApplyAndTheBlockIsReported()
    {
        File.WriteAllText(_path, """
            <!-- docs-test: skip because it is a fragment -->
            ```csharp
            var x = 1;
            ```

            <!-- docs-test: demo -->
            A paragraph in between.
            ```csharp
            var y = 2;
            ```

            ```bash
            echo not csharp
            ```
            """);

        var unmarked = DocCompilation.FindUnmarkedCSharp(_path);

        unmarked.Select(b => b.Line).Should().Equal(8);
        DocCompilation.ReadAll(_path).Should().BeEmpty();
    }

    [Test]
    public void Read_SkipWithoutReason_ThrowsWithTheLine()
    {
        File.WriteAllText(_path, "\n<!-- docs-test: skip -->\n```csharp\nx\n```\n");

        var act = () => MarkdownCodeBlocks.Read(_path);

        act.Should().Throw<FormatException>().WithMessage("*:2: a skip marker must say why*");
    }

    [Test]
    public void Read_UnclosedFence_ThrowsWithTheLine()
    {
        File.WriteAllText(_path, "text\n```csharp\nclass A { }\n");

        var act = () => MarkdownCodeBlocks.Read(_path);

        act.Should().Throw<FormatException>().WithMessage("*:2: the code fence is never closed.");
    }

    [Test]
    public void ReadAll_TwoProjectFilesInOneCompilation_Throws()
    {
        File.WriteAllText(_path, "<!-- docs-test: demo -->\n```xml\n<A />\n```\n<!-- docs-test: demo -->\n```xml\n<B />\n```\n");

        var act = () => DocCompilation.ReadAll(_path);

        act.Should().Throw<FormatException>().WithMessage("*compilation 'demo' already has a project file (line 2).");
    }

    [Test]
    public void Read_IndentedFence_StripsTheIndent()
    {
        File.WriteAllText(_path, "- item\n\n  <!-- docs-test: demo -->\n  ```csharp\n  class A\n  {\n  }\n  ```\n");

        DocCompilation.ReadAll(_path)["demo"].Sources[0].Code.Should().Be("class A\n{\n}\n");
    }
}
