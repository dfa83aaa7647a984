using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Field checks shared by the endpoints; each returns the 400 to send, or <see langword="null"/> when the value is fine.</summary>
internal static class Validation
{
    /// <summary>A required, non-blank name of at most <see cref="WorkerHostLimits.MaxNameLength"/> characters.</summary>
    public static IResult? Name(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? ApiError.BadRequest($"The field '{field}' is required and must not be blank.")
        : value.Length > WorkerHostLimits.MaxNameLength ? ApiError.BadRequest($"The field '{field}' must be at most {WorkerHostLimits.MaxNameLength} characters.")
        : null;

    /// <summary>An optional title: absent is fine, present must be non-blank and short enough.</summary>
    public static IResult? OptionalTitle(string? value) => value is null ? null : Name(value, "title");

    /// <summary>An optional id: absent is fine, present must not be blank.</summary>
    public static IResult? OptionalId(string? value, string field) =>
        value is not null && string.IsNullOrWhiteSpace(value) ? ApiError.BadRequest($"The field '{field}' must not be blank; leave it out instead.") : null;

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
