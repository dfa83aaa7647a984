using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Stops the shared PostgreSQL cluster after the run.</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    [OneTimeTearDown]
    public Task StopAsync() => SharedPostgresCluster.StopAsync();
}
