using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>Stops the shared PostgreSQL cluster once every test of the run is done.</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    /// <summary>Stops and deletes the cluster, if one was started.</summary>
    /// <returns>A task that completes once it is gone.</returns>
    [OneTimeTearDown]
    public Task StopClusterAsync() => SharedPostgresCluster.StopAsync();
}
