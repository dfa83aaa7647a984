using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Hosting;

/// <summary>An error reporter that keeps every report, for assertions.</summary>
internal sealed class RecordingErrorReporter : IErrorReporter
{
    private readonly ConcurrentQueue<ErrorReport> _reports = new();

    public IReadOnlyList<ErrorReport> Reports => [.. _reports];

    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        _reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
