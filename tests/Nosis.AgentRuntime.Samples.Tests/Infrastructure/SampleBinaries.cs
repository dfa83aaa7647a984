namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>Finds a sample's build output beside this test project's: artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/.</summary>
internal static class SampleBinaries
{
    public static string Find(string project)
    {
        var testDirectory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var dll = Path.Combine(testDirectory.Parent!.Parent!.FullName, project, testDirectory.Name, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"The sample {project} is not built at {dll}; build the solution (or this test project) first.", dll);
    }
}
