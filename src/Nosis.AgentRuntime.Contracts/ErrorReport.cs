namespace Nosis.AgentRuntime.Contracts;

/// <summary>An error the runtime reports to the host; secrets are redacted before it is made.</summary>
/// <param name="Operation">What failed, e.g. <c>delete-orphan-agent</c>.</param>
/// <param name="Message">What went wrong, redacted.</param>
/// <param name="Context">Where, e.g. <c>conversation=c_123</c>.</param>
public sealed record ErrorReport(string Operation, string Message, string Context)
{
    /// <summary>Gets the full name of the exception type behind the error, when there was one.</summary>
    public string? ErrorType { get; init; }
}
