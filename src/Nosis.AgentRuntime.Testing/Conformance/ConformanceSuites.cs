using System.Reflection;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>The conformance suites of the kit, and a check that an adapter's test assembly derives each of them.</summary>
public static class ConformanceSuites
{
    /// <summary>Gets every abstract suite of the kit, one per contract.</summary>
    public static IReadOnlyList<Type> All { get; } =
    [
        typeof(AgentIdRegistryConformanceTests),
        typeof(MessageStoreConformanceTests),
        typeof(ToolLoaderConformanceTests),
        typeof(BackgroundSchedulerConformanceTests),
        typeof(ErrorReporterConformanceTests),
        typeof(TurnLeaseStoreConformanceTests),
        typeof(SharedAgentRegistryConformanceTests),
        typeof(ActiveRunStoreConformanceTests),
    ];

    /// <summary>Returns the suites that no concrete class in <paramref name="assembly"/> derives.</summary>
    /// <param name="assembly">The adapter's test assembly.</param>
    /// <returns>The suites not derived, in the order of <see cref="All"/>.</returns>
    public static IReadOnlyList<Type> FindMissing(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = [.. ex.Types.OfType<Type>()];
        }

        var concrete = types.Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        return [.. All.Where(suite => !concrete.Exists(suite.IsAssignableFrom))];
    }
}
