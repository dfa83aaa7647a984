using System.Text.RegularExpressions;
using Nosis.AgentRuntime.Packaging.Tests;

namespace Nosis.AgentRuntime.Docs.Tests;

/// <summary>A compilation of a markdown file written out as a fresh project that restores the packed packages, to build, run or test.</summary>
/// <remarks>
/// The project file is the page's own when it shows one, with one change: the <c>Version</c> of every
/// <c>Nosis.AgentRuntime*</c> package reference becomes the version under test. Otherwise <c>defaultProject</c> is used.
/// Each C# block becomes a file of its own (<c>Block{line}.cs</c>, or the marker's <c>file=</c> name).
/// </remarks>
internal sealed partial class DocProject
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private DocProject(string directory, string projectPath)
    {
        Directory = directory;
        ProjectPath = projectPath;
    }

    /// <summary>Gets the project's folder.</summary>
    public string Directory { get; }

    /// <summary>Gets the project file's path.</summary>
    public string ProjectPath { get; }

    /// <summary>Writes a compilation out as a project in a new folder of the feed's work folder.</summary>
    /// <param name="feed">The packed packages.</param>
    /// <param name="compilation">The compilation.</param>
    /// <param name="defaultProject">The project file to use when the page shows none; <c>{Version}</c> is replaced by the version under test.</param>
    /// <param name="extraFiles">Files the page does not show (a hidden prelude), by name.</param>
    /// <returns>The project.</returns>
    public static async Task<DocProject> WriteAsync(
        PackageFeed feed, DocCompilation compilation, string? defaultProject = null, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var projectXml = compilation.Project is { } project
            ? NosisPackageVersion().Replace(project.Code, m => m.Groups["head"].Value + feed.Version + m.Groups["tail"].Value)
            : defaultProject?.Replace("{Version}", feed.Version, StringComparison.Ordinal)
                ?? throw new InvalidOperationException($"{compilation.MarkdownPath}: compilation '{compilation.Name}' shows no project file and no default was given.");

        var directory = Path.Combine(feed.WorkDirectory, "docs", $"{Path.GetFileNameWithoutExtension(compilation.MarkdownPath)}-{compilation.Name}");
        System.IO.Directory.CreateDirectory(directory);
        await feed.WriteNuGetConfigAsync(directory);
        var projectPath = Path.Combine(directory, $"{ToIdentifier(compilation.Name)}.csproj");
        await File.WriteAllTextAsync(projectPath, projectXml);
        foreach (var source in compilation.Sources)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, source.Marker?.FileName ?? $"Block{source.Line:D4}.cs"), source.Code);
        }

        foreach (var (name, text) in extraFiles ?? new Dictionary<string, string>())
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text);
        }

        return new DocProject(directory, projectPath);
    }

    /// <summary>Builds the project (restoring from the feed) with warnings as errors.</summary>
    /// <returns>The exit code and output.</returns>
    public Task<(int ExitCode, string Output)> BuildAsync() =>
        RunDotnetAsync("build", ProjectPath, "-nologo", "-v:q", "-p:TreatWarningsAsErrors=true");

    /// <summary>Runs the built program.</summary>
    /// <param name="arguments">The program's arguments.</param>
    /// <returns>The exit code and output.</returns>
    public Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        RunDotnetAsync(["run", "--no-build", "--project", ProjectPath, "--", .. arguments]);

    /// <summary>Runs the built project's tests.</summary>
    /// <returns>The exit code and output.</returns>
    public Task<(int ExitCode, string Output)> TestAsync() => RunDotnetAsync("test", ProjectPath, "--no-build", "-nologo");

    private Task<(int ExitCode, string Output)> RunDotnetAsync(params string[] arguments) =>
        CommandLine.RunAsync("dotnet", arguments, Directory, null, CommandTimeout);

    private static string ToIdentifier(string name) => string.Concat(name.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    [GeneratedRegex("""(?<head><PackageReference\s+Include="Nosis\.AgentRuntime[^"]*"\s+Version=")[^"]*(?<tail>")""")]
    private static partial Regex NosisPackageVersion();
}
