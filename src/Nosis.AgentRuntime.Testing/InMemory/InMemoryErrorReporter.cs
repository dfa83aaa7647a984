using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IErrorReporter"/> that records every report in memory, in the order received.</summary>
/// <remarks>Thread-safe: reports may arrive from many threads; <see cref="Reports"/> returns a snapshot.</remarks>
public sealed class InMemoryErrorReporter : IErrorReporter
{
    private readonly Lock _gate = new();
    private readonly List<ErrorReport> _reports = [];

    /// <summary>Gets a snapshot of the reports received so far.</summary>
    public IReadOnlyList<ErrorReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <inheritdoc/>
    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _reports.Add(report);
        }

        return Task.CompletedTask;
    }

    /// <summary>Forgets every report received so far.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _reports.Clear();
        }
    }
}
