using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>Writes every error report to stderr and counts them; any report makes the worker exit non-zero.</summary>
internal sealed class StderrErrorReporter : IErrorReporter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        Console.Error.WriteLine($"error report: {report.Operation} [{report.Context}] {report.ErrorType}: {report.Message}");
        return Task.CompletedTask;
    }
}
