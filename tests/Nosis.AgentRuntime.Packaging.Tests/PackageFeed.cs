using System.Text.Json;

namespace Nosis.AgentRuntime.Packaging.Tests;

/// <summary>Every shipped project of src/ packed into a private folder feed, under a version unique to this test run.</summary>
/// <remarks>
/// Shared by the packaging tests and the compiled-docs tests (linked into both). The packed build writes to its own
/// artifacts folder, so it never rewrites assemblies that other test runs have loaded; <see cref="DisposeAsync"/> deletes
/// the feed and the packages this version put into the NuGet cache.
/// </remarks>
internal sealed class PackageFeed : IAsyncDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(4);

    private PackageFeed(string root, string work, string version, IReadOnlyList<string> packageIds)
    {
        RepositoryRoot = root;
        WorkDirectory = work;
        Version = version;
        PackageIds = packageIds;
    }

    /// <summary>Gets the repository's root folder.</summary>
    public string RepositoryRoot { get; }

    /// <summary>Gets a private temporary folder; the feed is its <c>feed</c> subfolder, and consumers may be written beside it.</summary>
    public string WorkDirectory { get; }

    /// <summary>Gets the folder feed holding the packages.</summary>
    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    /// <summary>Gets the version every package was packed under.</summary>
    public string Version { get; }

    /// <summary>Gets the ids of the packed packages (the project names under src/).</summary>
    public IReadOnlyList<string> PackageIds { get; }

    /// <summary>Packs every project under src/ into a new folder feed.</summary>
    /// <returns>The feed.</returns>
    public static async Task<PackageFeed> PackAsync()
    {
        var root = FindRepositoryRoot();
        var work = Directory.CreateTempSubdirectory("nosis-pack-").FullName;
        var version = $"0.0.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var projects = Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories);
        var feed = new PackageFeed(root, work, version, [.. projects.Select(p => Path.GetFileNameWithoutExtension(p))]);

        // A solution filter of the shipped projects packs them in one build.
        var filter = Path.Combine(work, "packages.slnf");
        var solution = Path.Combine(root, "Nosis.AgentRuntime.sln");
        var entries = projects.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).ToArray();
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = solution, projects = entries } }));

        var (exit, output) = await CommandLine.RunAsync(
            "dotnet", ["pack", filter, "-c", "Release", "-o", feed.FeedDirectory, $"-p:Version={version}", "-nologo"],
            root, new Dictionary<string, string> { ["NOSIS_ARTIFACTS"] = Path.Combine(work, "artifacts") }, PackTimeout);
        if (exit != 0)
        {
            await feed.DisposeAsync();
            throw new InvalidOperationException($"dotnet pack of src/ failed with exit code {exit}:\n{output}");
        }

        return feed;
    }

    /// <summary>Returns the path of a package in the feed.</summary>
    /// <param name="id">The package id.</param>
    /// <returns>The .nupkg path.</returns>
    public string PackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    /// <summary>Writes a nuget.config into <paramref name="directory"/> that restores from this feed first, then nuget.org.</summary>
    /// <param name="directory">The consumer's folder.</param>
    /// <returns>A task that completes once written.</returns>
    public Task WriteNuGetConfigAsync(string directory) => File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{FeedDirectory}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>
        """);

    /// <summary>Deletes the feed, its consumers, and the packages of this version in the NuGet cache.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            var cached = Path.Combine(cache, id.ToLowerInvariant(), Version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }

        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nosis.AgentRuntime.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Nosis.AgentRuntime.sln above {AppContext.BaseDirectory}.");
    }
}
