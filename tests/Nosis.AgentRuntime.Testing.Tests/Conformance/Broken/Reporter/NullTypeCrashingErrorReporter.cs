using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Formats the exception type without a null check, and swallows its own failure: reports without a type vanish.</summary>
public sealed class NullTypeCrashingErrorReporter : BrokenErrorReporter
{
    public override Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = report.ErrorType!.Length;
            return base.ReportAsync(report, cancellationToken);
        }
        catch (NullReferenceException)
        {
            return Task.CompletedTask;
        }
    }
}
