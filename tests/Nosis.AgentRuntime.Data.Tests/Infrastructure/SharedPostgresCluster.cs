namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>The one cluster of a test run, started on first use and stopped by the test assembly's set-up fixture.</summary>
public static class SharedPostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Cluster = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Returns the running cluster; ignores the calling test when PostgreSQL is not installed, or fails it when CI is "true".</summary>
    /// <returns>The cluster.</returns>
    public static Task<PostgresCluster> GetAsync()
    {
        if (PostgresCluster.FindBinDirectory() is null)
        {
            const string reason = "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH); install Debian's postgresql package.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }

        return Cluster.Value;
    }

    internal static async Task StopAsync()
    {
        if (Cluster.IsValueCreated && Cluster.Value.IsCompletedSuccessfully)
        {
            await Cluster.Value.Result.DisposeAsync();
        }
    }

    private static Task<PostgresCluster> StartAsync() => PostgresCluster.StartAsync(PostgresCluster.FindBinDirectory()!);
}
