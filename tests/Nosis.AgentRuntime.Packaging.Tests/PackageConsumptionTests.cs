using System.IO.Compression;

namespace Nosis.AgentRuntime.Packaging.Tests;

[Category("Packaging")]
public class PackageConsumptionTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private PackageFeed _feed = null!;

    [OneTimeSetUp]
    public async Task PackEveryShippedProjectIntoAFolderFeed() => _feed = await PackageFeed.PackAsync();

    [OneTimeTearDown]
    public async Task RemoveFeedAndCachedTestVersions()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }
    }

    [Test]
    public void Pack_EveryShippedProject_ProducesAPackageWithReadmeDocsAndSymbols()
    {
        foreach (var id in _feed.PackageIds)
        {
            var package = _feed.PackagePath(id);
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
    public void Pack_Testing_DependsOnlyOnContractsAndNUnitWithoutAspNetCore()
    {
        Dependencies("Nosis.AgentRuntime.Testing").Should().BeEquivalentTo("Nosis.AgentRuntime.Contracts", "NUnit");
        FrameworkReferences("Nosis.AgentRuntime.Testing").Should().BeEmpty("an adapter author's test project must not pull in ASP.NET Core");
    }

    [Test]
    public void Pack_AppServer_AddsNoPackageToTheRuntimes()
    {
        Dependencies("Nosis.AgentRuntime.AppServer").Should().Contain("Nosis.AgentRuntime")
            .And.BeSubsetOf(Dependencies("Nosis.AgentRuntime").Append("Nosis.AgentRuntime"), "the App Server backend brings no package of its own: System.Net.WebSockets is in the framework");
        FrameworkReferences("Nosis.AgentRuntime.AppServer").Should().BeEmpty("a worker that talks to the App Server needs no ASP.NET Core for it");
    }

    [Test]
    public void Pack_Emulator_CarriesTheAspNetCoreFrameworkReference()
    {
        Dependencies("Nosis.AgentRuntime.Emulator").Should().BeEmpty();
        FrameworkReferences("Nosis.AgentRuntime.Emulator").Should().Equal("Microsoft.AspNetCore.App");
    }

    [Test]
    public async Task FreshProject_RestoringFromTheFeed_BuildsAndRunsAProgramThatCallsTheTaxonomy()
    {
        var consumer = Path.Combine(_feed.WorkDirectory, "consumer");
        Directory.CreateDirectory(consumer);
        await _feed.WriteNuGetConfigAsync(consumer);
        await File.WriteAllTextAsync(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Nosis.AgentRuntime" Version="{_feed.Version}" />
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

    private List<string> Dependencies(string id) => NuspecAttributes(id, "dependency", "id");

    private List<string> FrameworkReferences(string id) => NuspecAttributes(id, "frameworkReference", "name");

    private List<string> NuspecAttributes(string id, string element, string attribute)
    {
        using var zip = ZipFile.OpenRead(_feed.PackagePath(id));
        using var reader = new StreamReader(zip.GetEntry($"{id}.nuspec")!.Open());
        var nuspec = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
        return nuspec.Descendants().Where(e => e.Name.LocalName == element)
            .Select(e => (string)e.Attribute(attribute)!).Distinct().ToList();
    }
}
