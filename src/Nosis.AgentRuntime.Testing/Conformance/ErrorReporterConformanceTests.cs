using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IErrorReporter"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The runtime redacts secrets before it reports, so a reporter keeps what it is given: operation, message, context and error
/// type, unchanged. <see cref="ReadReportsAsync"/> reads back what your sink kept (a log collector, a table, a test double).
/// </remarks>
[TestFixture]
public abstract class ErrorReporterConformanceTests : ConformanceSuite
{
    /// <summary>Gets how many reports the concurrency check makes at once; enough that a reporter without a lock loses some every run.</summary>
    /// <value>The default is 20,000.</value>
    protected virtual int ConcurrentReportCount => 20_000;

    /// <summary>Creates a reporter over an empty sink; called once per test.</summary>
    /// <returns>The reporter under test.</returns>
    protected abstract Task<IErrorReporter> CreateReporterAsync();

    /// <summary>Reads back every report the reporter's sink kept so far.</summary>
    /// <param name="reporter">A reporter from <see cref="CreateReporterAsync"/>.</param>
    /// <returns>The reports, in any order.</returns>
    protected abstract Task<IReadOnlyList<ErrorReport>> ReadReportsAsync(IErrorReporter reporter);

    /// <summary>Frees a reporter after a test; by default disposes it when it is disposable.</summary>
    /// <param name="reporter">The reporter.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeReporterAsync(IErrorReporter reporter) => Concurrently.DisposeAsync(reporter);

    /// <summary>A report is kept with its operation, message, context and error type.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReportAsync_Report_IsKeptWithOperationMessageContextAndType() => WithReporterAsync(async reporter =>
    {
        var report = new ErrorReport("delete-orphan-agent", "Letta answered 503 Service Unavailable.", "conversation=c_123 agent=agent-9")
        {
            ErrorType = typeof(HttpRequestException).FullName,
        };

        await reporter.ReportAsync(report).ConfigureAwait(false);
        var reports = await ReadReportsAsync(reporter).ConfigureAwait(false);

        Assert.That(reports, Has.Count.EqualTo(1), $"An error reporter must keep each report once: 1 reported, {reports.Count} kept.");
        Assert.That(reports[0], Is.EqualTo(report), $"An error reporter must keep the operation, message, context and error type unchanged: reported {report}, kept {reports[0]}.");
    });

    /// <summary>A report without an error type is kept, still without one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReportAsync_ReportWithoutErrorType_IsKept() => WithReporterAsync(async reporter =>
    {
        var report = new ErrorReport("stream-reply", "Letta sent an error event.", "conversation=c_5");

        await reporter.ReportAsync(report).ConfigureAwait(false);
        var reports = await ReadReportsAsync(reporter).ConfigureAwait(false);

        Assert.That(reports, Is.EqualTo(new[] { report }), $"An error reporter must keep a report that has no exception type, unchanged: kept [{string.Join("; ", reports)}]. Likely cause: the sink dereferences ErrorType without a null check, and the failure is swallowed.");
    });

    /// <summary>Many reports made from many threads at once are all kept, and none of the calls throws.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReportAsync_ManyConcurrentReports_AreAllKept() => WithReporterAsync(async reporter =>
    {
        var count = ConcurrentReportCount;
        var failures = await Concurrently.CountFailuresAsync(
            count,
            i => reporter.ReportAsync(new ErrorReport("save-assistant-message", $"failure {i}", $"conversation=c_{i}")),
            $"{count} concurrent reports").ConfigureAwait(false);

        var reports = await ReadReportsAsync(reporter).ConfigureAwait(false);
        var contexts = reports.Select(r => r.Context).ToHashSet(StringComparer.Ordinal);
        var kept = Enumerable.Range(0, count).Count(i => contexts.Contains($"conversation=c_{i}"));

        Assert.That(
            (kept, failures),
            Is.EqualTo((count, 0)),
            $"An error reporter must keep every report, even when they arrive together: {count} reported concurrently, {kept} kept, {failures} calls threw. Likely cause: the sink is not thread-safe (a List<T> or a StreamWriter without a lock).");
    });

    /// <summary>A message and context of several lines are kept with their line breaks, not flattened.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReportAsync_MultiLineMessage_IsKeptWithItsLineBreaks() => WithReporterAsync(async reporter =>
    {
        var report = new ErrorReport("stream-reply", "Letta sent an error event:\n  upstream: 502 Bad Gateway\r\n  retry: no\n", "conversation=c_6\nagent=agent-1");

        await reporter.ReportAsync(report).ConfigureAwait(false);
        var reports = await ReadReportsAsync(reporter).ConfigureAwait(false);

        Assert.That(reports, Has.Count.EqualTo(1), "An error reporter must keep a report with a multi-line message.");
        Assert.That(reports[0].Message, Is.EqualTo(report.Message), $"An error reporter must keep a multi-line message unchanged: kept \"{reports[0].Message}\". Likely cause: line breaks are replaced or trimmed to fit one log line; escape them in the sink's format instead.");
        Assert.That(reports[0].Context, Is.EqualTo(report.Context), "An error reporter must keep a multi-line context unchanged.");
    });

    /// <summary>Long and non-ASCII messages and contexts are kept unchanged.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ReportAsync_LongNonAsciiMessage_IsKeptUnchanged() => WithReporterAsync(async reporter =>
    {
        var message = string.Concat(Enumerable.Repeat("Fehler beim Speichern — 保存に失敗しました 🤖 ", 200));
        var report = new ErrorReport("save-user-message", message, "conversation=c_ü;office=o_日本");

        await reporter.ReportAsync(report).ConfigureAwait(false);
        var reports = await ReadReportsAsync(reporter).ConfigureAwait(false);

        Assert.That(reports, Has.Count.EqualTo(1), "An error reporter must keep a report with a long non-ASCII message.");
        Assert.That(reports[0].Message, Is.EqualTo(message), $"An error reporter must keep the message unchanged ({message.Length} chars, non-ASCII), kept {reports[0].Message.Length} chars. Likely cause: a length cap or a non-Unicode encoding in the sink.");
        Assert.That(reports[0].Context, Is.EqualTo(report.Context), "An error reporter must keep the context unchanged.");
    });

    private async Task WithReporterAsync(Func<IErrorReporter, Task> test)
    {
        var reporter = await CreateReporterAsync().ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(reporter), "The error reporter test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeReporterAsync(reporter).ConfigureAwait(false);
        }
    }
}
