using System.Collections.Concurrent;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Fakes;

/// <summary>Keeps every error report.</summary>
internal sealed class RecordingReporter : IErrorReporter
{
    public ConcurrentQueue<ErrorReport> Reports { get; } = new();

    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        Reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
