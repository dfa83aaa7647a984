namespace Nosis.AgentRuntime.Execution;

/// <summary>The exception thrown when a value is not an execution target the caller accepts.</summary>
/// <remarks>
/// The message names the accepted values and quotes at most a short, escaped preview of the refused value, so that an
/// attacker-supplied string can neither flood a log line nor smuggle control characters into it. The message is never
/// longer than 200 characters.
/// </remarks>
public sealed class UnsupportedExecutionTargetException : ArgumentException
{
    /// <summary>Initializes a new instance for a refused value.</summary>
    /// <param name="value">The refused value, possibly <see langword="null"/>; it is never stored whole.</param>
    /// <param name="surface">The surface that refused it, or <see langword="null"/> when any target would have done.</param>
    public UnsupportedExecutionTargetException(string? value, ExecutionSurface? surface)
        : base(BuildMessage(value, surface, out var preview, out var accepted))
    {
        ValuePreview = preview;
        Surface = surface;
        AcceptedValues = accepted;
    }

    /// <summary>Gets a bounded, escaped preview of the refused value, or <see langword="null"/> when it was absent.</summary>
    public string? ValuePreview { get; }

    /// <summary>Gets the surface that refused the value, if any.</summary>
    public ExecutionSurface? Surface { get; }

    /// <summary>Gets the wire names that would have been accepted (the legacy <c>default</c> is accepted wherever <c>sandbox</c> is).</summary>
    public IReadOnlyList<string> AcceptedValues { get; }

    private static string BuildMessage(string? value, ExecutionSurface? surface, out string? preview, out IReadOnlyList<string> accepted)
    {
        preview = value is null ? null : SafePreview.Of(value);
        accepted = ExecutionTargets.AcceptedWireNames(surface);
        var where = surface is null ? string.Empty : $" on the {surface.Value.ToString().ToLowerInvariant()} surface";
        var shown = preview is null ? "(none)" : $"'{preview}'";
        return $"Unsupported execution target {shown}{where}; accepted values: {string.Join(", ", accepted)} (legacy 'default' means sandbox).";
    }
}
