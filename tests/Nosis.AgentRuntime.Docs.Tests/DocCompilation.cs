namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>The blocks of one markdown file that form one project: its project file, if the page shows one, and its C# files.</summary>
/// <param name="Name">The compilation's name, from the markers.</param>
/// <param name="MarkdownPath">The markdown file.</param>
/// <param name="Project">The project-file block, or <see langword="null"/> when the page shows none.</param>
/// <param name="Sources">The C# blocks, in page order.</param>
internal sealed record DocCompilation(string Name, string MarkdownPath, DocBlock? Project, IReadOnlyList<DocBlock> Sources)
{
    /// <summary>Gathers every compilation of a markdown file.</summary>
    /// <param name="markdownPath">The file.</param>
    /// <returns>The compilations by name.</returns>
    /// <exception cref="FormatException">A compilation has two project files, or a marked block is neither C# nor a project file.</exception>
    public static IReadOnlyDictionary<string, DocCompilation> ReadAll(string markdownPath)
    {
        var result = new Dictionary<string, DocCompilation>(StringComparer.Ordinal);
        foreach (var block in MarkdownCodeBlocks.Read(markdownPath).Where(b => b.Marker is { IsSkip: false }))
        {
            var name = block.Marker!.Compilation!;
            var current = result.GetValueOrDefault(name) ?? new DocCompilation(name, markdownPath, null, []);
            result[name] = block switch
            {
                { IsProject: true } when current.Project is not null =>
                    throw new FormatException($"{markdownPath}:{block.Line}: compilation '{name}' already has a project file (line {current.Project.Line})."),
                { IsProject: true } => current with { Project = block },
                { IsCSharp: true } => current with { Sources = [.. current.Sources, block] },
                _ => throw new FormatException($"{markdownPath}:{block.Line}: a '{block.Language}' block cannot be compiled; mark C# or xml blocks only."),
            };
        }

        return result;
    }

    /// <summary>Returns the C# blocks of a markdown file that carry no marker: snippets nobody decided about.</summary>
    /// <param name="markdownPath">The file.</param>
    /// <returns>The unmarked C# blocks.</returns>
    public static IReadOnlyList<DocBlock> FindUnmarkedCSharp(string markdownPath) =>
        [.. MarkdownCodeBlocks.Read(markdownPath).Where(b => b.IsCSharp && b.Marker is null)];
}
