using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Stops the shared PostgreSQL cluster after the run.</summary>
[SetUpFixture]
public sealed class TestRunSetUp
{
    [OneTimeTearDown]
    public Task StopAsync() => TestDatabase.StopClusterAsync();
}
