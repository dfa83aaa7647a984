namespace Nosis.AgentRuntime.Contracts;

/// <summary>Receives errors the runtime does not throw to a caller (background failures, upstream errors of a reply).</summary>
public interface IErrorReporter
{
    /// <summary>Reports an error.</summary>
    /// <param name="report">The error; its message and context hold no secret.</param>
    /// <param name="cancellationToken">Cancels the report.</param>
    /// <returns>A task that completes once the error is reported.</returns>
    Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default);
}
