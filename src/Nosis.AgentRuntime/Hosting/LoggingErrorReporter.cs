using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Hosting;

/// <summary>The default <see cref="IErrorReporter"/>: writes each report as a redacted Warning through <see cref="ILogger"/>.</summary>
internal sealed class LoggingErrorReporter : IErrorReporter
{
    private const string UnknownErrorType = "(unknown)";

    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;

    /// <summary>Initializes the reporter.</summary>
    public LoggingErrorReporter(SecretRedactor redactor, ILoggerFactory? loggerFactory = null)
    {
        _redactor = redactor;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<LoggingErrorReporter>();
    }

    /// <inheritdoc/>
    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);

        _logger.ErrorReported(
            _redactor.Redact(report.Operation),
            _redactor.Redact(report.Context),
            _redactor.Redact(report.ErrorType ?? UnknownErrorType),
            _redactor.Redact(report.Message));
        return Task.CompletedTask;
    }
}
