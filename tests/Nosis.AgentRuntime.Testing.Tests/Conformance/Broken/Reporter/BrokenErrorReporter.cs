using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>The base of the deliberately wrong reporters: a correct locked list whose steps each bug overrides.</summary>
public abstract class BrokenErrorReporter : IErrorReporter
{
    private readonly Lock _gate = new();
    private readonly List<ErrorReport> _kept = [];

    public virtual IReadOnlyList<ErrorReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _kept];
            }
        }
    }

    public virtual Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _kept.Add(Transform(report));
        }

        return Task.CompletedTask;
    }

    protected virtual ErrorReport Transform(ErrorReport report) => report;
}
