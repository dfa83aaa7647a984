using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Writes to a sink nobody can read back (a log level that is filtered out): keeps nothing.</summary>
public sealed class ForgetfulErrorReporter : BrokenErrorReporter
{
    public override Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
