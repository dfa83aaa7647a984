using System.Reflection;
using System.Runtime.InteropServices;

namespace Nosis.AgentRuntime.Execution.Tests;

public class AssemblyBoundaryTests
{
    [Test]
    public void ExecutionAssembly_ReferencesNothingBeyondTheFramework()
    {
        var beyond = typeof(ExecutionTarget).Assembly.GetReferencedAssemblies()
            .Where(reference => !IsFrameworkAssembly(reference))
            .Select(reference => reference.Name);

        beyond.Should().BeEmpty("web and validation code must be able to take the taxonomy alone");
    }

    internal static bool IsFrameworkAssembly(AssemblyName reference) =>
        File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), reference.Name + ".dll"));
}
