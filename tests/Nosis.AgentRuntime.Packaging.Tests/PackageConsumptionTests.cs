using System.IO.Compression;
using System.Text.Json;

namespace Nosis.AgentRuntime.Packaging.Tests;

[Category("Packaging")]
public class PackageConsumptionTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly string _version = $"0.0.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private string _work = null!;
    private string _feed = null!;
    private string[] _packageIds = null!;

    [OneTimeSetUp]
    public async Task PackEveryShippedProjectIntoAFolderFeed()
    {
        var root = RepositoryRoot();
        _work = Directory.CreateTempSubdirectory("nosis-pack-").FullName;
        _feed = Path.Combine(_work, "feed");
        var projects = Directory.GetFiles(Path.Combine(root, "src"), "*.csproj", SearchOption.AllDirectories);
        _packageIds = projects.Select(Path.GetFileNameWithoutExtension).ToArray()!;

        // A solution filter of the shipped projects packs them in one build, into a private artifacts folder so the
        // packed build never rewrites assemblies that other test runs have loaded.
        var filter = Path.Combine(_work, "packages.slnf");
        var solution = Path.Combine(root, "Nosis.AgentRuntime.sln");
        var entries = projects.Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).ToArray();
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = solution, projects = entries } }));

        var (exit, output) = await CommandLine.RunAsync(
            "dotnet", ["pack", filter, "-c", "Release", "-o", _feed, $"-p:Version={_version}", "-nologo"],
            root, new Dictionary<string, string> { ["NOSIS_ARTIFACTS"] = Path.Combine(_work, "artifacts") }, CommandTimeout);
        exit.Should().Be(0, output);
    }

    [OneTimeTearDown]
    public void RemoveFeedAndCachedTestVersions()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in _packageIds ?? [])
        {
            var cached = Path.Combine(cache, id.ToLowerInvariant(), _version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }

        if (_work is not null && Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [Test]
    public void Pack_EveryShippedProject_ProducesAPackageWithReadmeDocsAndSymbols()
    {
        foreach (var id in _packageIds)
        {
            var package = Path.Combine(_feed, $"{id}.{_version}.nupkg");
            File.Exists(package).Should().BeTrue($"{id} is packed");
            File.Exists(Path.ChangeExtension(package, ".snupkg")).Should().BeTrue($"{id} ships symbols");

            using var zip = ZipFile.OpenRead(package);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            names.Should().Contain("README.md");
            names.Should().Contain($"lib/net10.0/{id}.dll");
            names.Should().Contain($"lib/net10.0/{id}.xml");
        }
    }

    [Test]
    public void Pack_Execution_DependsOnNothingAndContractsOnlyOnExecution()
    {
        Dependencies("Nosis.AgentRuntime.Execution").Should().BeEmpty();
        Dependencies("Nosis.AgentRuntime.Contracts").Should().Equal("Nosis.AgentRuntime.Execution");
    }

    [Test]
    public async Task FreshProject_RestoringFromTheFeed_BuildsAndRunsAProgramThatCallsTheTaxonomy()
    {
        var consumer = Path.Combine(_work, "consumer");
        Directory.CreateDirectory(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nosis.AgentRuntime" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Program.cs"), """
            using Nosis.AgentRuntime.Contracts;
            using Nosis.AgentRuntime.Execution;

            var target = ExecutionTargets.CanonicalizeForCloud("default");
            var conversation = new ConversationRuntime("c_1", "u_1", "o_1", workspaceId: null, target);
            System.Console.WriteLine($"{ExecutionTargets.ToWireName(target)} {conversation.ThreadKind} {typeof(Nosis.AgentRuntime.AgentRuntimeOptions).Name}");
            """);

        var (exit, output) = await CommandLine.RunAsync("dotnet", ["run", "-nologo"], consumer, null, CommandTimeout);

        exit.Should().Be(0, output);
        output.Should().Contain("sandbox Chat AgentRuntimeOptions");
    }

    private List<string> Dependencies(string id)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, $"{id}.{_version}.nupkg"));
        using var reader = new StreamReader(zip.GetEntry($"{id}.nuspec")!.Open());
        var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        return nuspec.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).Distinct().ToList();
    }

    private static string RepositoryRoot()
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
