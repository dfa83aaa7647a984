using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Adds to a plain List&lt;T&gt; without a lock: concurrent reports are lost, or the add throws.</summary>
public sealed class UnlockedErrorReporter : BrokenErrorReporter
{
    public override Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        AddUnlocked(report);
        return Task.CompletedTask;
    }
}
