using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Cuts messages to 1,000 characters to keep log lines short.</summary>
public sealed class CappingErrorReporter : BrokenErrorReporter
{
    protected override ErrorReport Transform(ErrorReport report) =>
        report.Message.Length > 1000 ? report with { Message = report.Message[..1000] } : report;
}
