using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Field checks shared by the endpoints; each returns the 400 to send, or <see langword="null"/> when the value is fine.</summary>
internal static class Validation
{
    /// <summary>A required, non-blank name of at most <see cref="WorkerHostLimits.MaxNameLength"/> characters.</summary>
    public static IResult? Name(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? ApiError.BadRequest($"The field '{field}' is required and must not be blank.")
        : value.Length > WorkerHostLimits.MaxNameLength ? ApiError.BadRequest($"The field '{field}' must be at most {WorkerHostLimits.MaxNameLength} characters.")
        : TextRules.Refuse(value, field, multiline: false);

    /// <summary>An optional title: absent is fine, present must be non-blank and short enough.</summary>
    public static IResult? OptionalTitle(string? value) => value is null ? null : Name(value, "title");

    /// <summary>An optional id: absent is fine, present must be a well-formed id.</summary>
    public static IResult? OptionalId(string? value, string field) =>
        value is null ? null : Id(value, $"The field '{field}'");

    /// <summary>An id: not blank, at most <see cref="WorkerHostLimits.MaxIdLength"/> characters, no control characters or surrounding spaces.</summary>
    /// <param name="value">The id.</param>
    /// <param name="subject">How the message names the id, e.g. "The field 'office_id'".</param>
    public static IResult? Id(string value, string subject) =>
        string.IsNullOrWhiteSpace(value) ? ApiError.BadRequest($"{subject} must not be blank.")
        : value.Length > WorkerHostLimits.MaxIdLength ? ApiError.BadRequest($"{subject} must be at most {WorkerHostLimits.MaxIdLength} characters.")
        : TextRules.FindRefused(value, multiline: false) is not null ? ApiError.BadRequest($"{subject} contains a control character.")
        : value.Trim().Length != value.Length ? ApiError.BadRequest($"{subject} must not start or end with spaces.")
        : null;

    /// <summary>Canonicalises an execution target for the cloud worker; absent means sandbox, <c>local</c> and unknown names are refused.</summary>
    public static bool TryExecutionTarget(string? value, string field, out ExecutionTarget target, out IResult? error)
    {
        error = null;
        try
        {
            target = ExecutionTargets.CanonicalizeForCloud(value);
            return true;
        }
        catch (UnsupportedExecutionTargetException exception)
        {
            target = default;
            error = ApiError.BadRequest($"The field '{field}' is invalid: {exception.Message}");
            return false;
        }
    }
}
