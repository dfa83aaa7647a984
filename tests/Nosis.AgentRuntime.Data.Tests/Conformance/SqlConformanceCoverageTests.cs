using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>Fails when a contract the SQL package implements has no conformance suite derived in this assembly.</summary>
[TestFixture]
public sealed class SqlConformanceCoverageTests : ConformanceCoverageTests
{
    // The SQL package is persistence only: tools, background work and error reporting belong to the host's other adapters.
    protected override IEnumerable<Type> SuitesNotImplemented =>
    [
        typeof(ToolLoaderConformanceTests),
        typeof(BackgroundSchedulerConformanceTests),
        typeof(ErrorReporterConformanceTests),
    ];
}
